import Foundation
import Simulation
import TensorCore

/// A self-contained HTML page (inline CSS, SVG and PNG data URIs; no network) built section by section.
public struct HTMLReport: Sendable {
    public var title: String
    private var body: [String] = []

    public init(title: String) {
        self.title = title
    }

    /// Adds a section heading.
    public mutating func heading(_ text: String) {
        body.append("<h2>\(HTMLText.escape(text))</h2>")
    }

    /// Adds a paragraph of plain text.
    public mutating func paragraph(_ text: String) {
        body.append("<p>\(HTMLText.escape(text))</p>")
    }

    /// Adds a table; the first row is the header.
    public mutating func table(header: [String], rows: [[String]], labelColumns: Int = 1) {
        func cell(_ tag: String, _ column: Int, _ text: String) -> String {
            (column < labelColumns ? "<\(tag) class=\"label\">" : "<\(tag)>") + HTMLText.escape(text) + "</\(tag)>"
        }
        var html = "<table><tr>" + header.enumerated().map { cell("th", $0, $1) }.joined() + "</tr>"
        for row in rows { html += "<tr>" + row.enumerated().map { cell("td", $0, $1) }.joined() + "</tr>" }
        body.append(html + "</table>")
    }

    /// Adds a line plot.
    public mutating func plot(_ plot: LinePlot) {
        body.append("<div class=\"plot\">\(plot.svg())</div>")
    }

    /// Adds a labelled strip of images (each scaled up by `scale` without smoothing).
    public mutating func imageStrip(label: String, images: [(caption: String, image: PNGImage)], scale: Int = 2) {
        var html = "<div class=\"strip\"><div class=\"label\">\(HTMLText.escape(label))</div>"
        for (caption, image) in images {
            html += "<figure><img src=\"\(image.dataURI)\" width=\"\(image.width * scale)\" height=\"\(image.height * scale)\" alt=\"\(HTMLText.escape(caption))\">"
            html += "<figcaption>\(HTMLText.escape(caption))</figcaption></figure>"
        }
        body.append(html + "</div>")
    }

    /// Adds a labelled strip of inline SVG panels.
    public mutating func svgStrip(label: String, panels: [(caption: String, svg: String)]) {
        var html = "<div class=\"strip\"><div class=\"label\">\(HTMLText.escape(label))</div>"
        for (caption, svg) in panels {
            html += "<figure>\(svg)<figcaption>\(HTMLText.escape(caption))</figcaption></figure>"
        }
        body.append(html + "</div>")
    }

    /// The complete page.
    public func html() -> String {
        """
        <!DOCTYPE html>
        <html lang="en"><head><meta charset="utf-8"><title>\(HTMLText.escape(title))</title>
        <style>
        body { font-family: sans-serif; margin: 2em; max-width: 1200px; color: #222; }
        table { border-collapse: collapse; margin: 1em 0; }
        th, td { border: 1px solid #bbb; padding: 3px 8px; text-align: right; }
        th { background: #eee; } td.label, th.label { text-align: left; }
        .plot { display: inline-block; margin: 0.5em; }
        .strip { display: flex; align-items: flex-end; gap: 4px; margin: 4px 0; }
        .strip .label { width: 140px; font-size: 12px; }
        figure { margin: 0; text-align: center; font-size: 10px; }
        img { image-rendering: pixelated; border: 1px solid #999; }
        </style></head><body>
        <h1>\(HTMLText.escape(title))</h1>
        \(body.joined(separator: "\n"))
        </body></html>

        """
    }

    /// Writes the page atomically.
    public func write(to url: URL) throws {
        try AtomicFile.write(Data(html().utf8), to: url)
    }
}
