import Testing
@testable import WorldModel

@Suite struct TextTableTests {
    @Test func labelColumnsAreLeftAlignedAndNumbersRightAligned() {
        let text = TextTable.format(header: ["model", "ranked", "H@1"], rows: [["T", "every frame", "9.5%"], ["nothing", "C-SWM", "100.0%"]],
                                    labelColumns: 2)
        #expect(text == """
            model    ranked          H@1
            ----------------------------
            T        every frame    9.5%
            nothing  C-SWM        100.0%

            """)
        let oneLabel = TextTable.format(header: ["model", "ranked"], rows: [["T", "every frame"]])
        #expect(oneLabel == "model       ranked\n------------------\nT      every frame\n")
    }
}
