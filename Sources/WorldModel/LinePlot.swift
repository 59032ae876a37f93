import Foundation

/// A line chart rendered as a self-contained inline SVG (axes, ticks, labels, legend).
public struct LinePlot: Sendable {
    /// One named line.
    public struct Series: Sendable {
        public var name: String
        public var points: [(x: Double, y: Double)]

        public init(name: String, points: [(x: Double, y: Double)]) {
            self.name = name
            self.points = points
        }
    }

    public var title: String
    public var xLabel: String
    public var yLabel: String
    public var series: [Series]
    /// Plot the y axis on a log10 scale (non-positive values are dropped).
    public var logY: Bool
    /// Plot the x axis on a log10 scale (non-positive values are dropped), ticks labelled with the values themselves.
    public var logX: Bool
    public var width: Double = 660
    public var height: Double = 320

    public init(title: String, xLabel: String, yLabel: String, series: [Series], logY: Bool = false, logX: Bool = false) {
        self.title = title
        self.xLabel = xLabel
        self.yLabel = yLabel
        self.series = series
        self.logY = logY
        self.logX = logX
    }

    static let palette = ["#1f77b4", "#d62728", "#2ca02c", "#ff7f0e", "#9467bd", "#8c564b", "#e377c2", "#17becf"]

    /// The SVG markup.
    public func svg() -> String {
        let left = 64.0, right = 220.0, top = 30.0, bottom = 46.0
        let plotW = width - left - right, plotH = height - top - bottom
        let lines = series.map { s in s.points.filter { $0.x.isFinite && $0.y.isFinite && (!logY || $0.y > 0) && (!logX || $0.x > 0) } }
        let all = lines.flatMap { $0 }
        var svg = "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"\(Int(width))\" height=\"\(Int(height))\" "
        svg += "viewBox=\"0 0 \(Int(width)) \(Int(height))\" font-family=\"sans-serif\" font-size=\"11\">"
        svg += "<rect width=\"100%\" height=\"100%\" fill=\"white\"/>"
        svg += "<text x=\"\(f(left + plotW / 2))\" y=\"18\" text-anchor=\"middle\" font-size=\"13\">\(HTMLText.escape(title))</text>"
        guard !all.isEmpty else {
            return svg + "<text x=\"\(f(left + plotW / 2))\" y=\"\(f(top + plotH / 2))\" text-anchor=\"middle\">no data</text></svg>"
        }
        let ty: (Double) -> Double = logY ? { log10($0) } : { $0 }
        let tx: (Double) -> Double = logX ? { log10($0) } : { $0 }
        let xLow = all.map { tx($0.x) }.min()!, xHigh = all.map { tx($0.x) }.max()!
        let xTicks = logX ? LinePlot.logTicks(xLow, xHigh) : LinePlot.niceTicks(xLow, xHigh)
        let yLow = all.map { ty($0.y) }.min()!, yHigh = all.map { ty($0.y) }.max()!
        // On a log axis spanning a decade or more, ticks sit on the powers of ten.
        let yTicks = logY && yHigh - yLow >= 1
            ? stride(from: floor(yLow), through: ceil(yHigh), by: 1).map { $0 }
            : LinePlot.niceTicks(yLow, yHigh)
        let x0 = xTicks.first!, x1 = xTicks.last!, y0 = yTicks.first!, y1 = yTicks.last!
        let px = { (x: Double) in left + (tx(x) - x0) / max(x1 - x0, 1e-300) * plotW }
        let pxRaw = { (v: Double) in left + (v - x0) / max(x1 - x0, 1e-300) * plotW }
        let py = { (y: Double) in top + plotH - (ty(y) - y0) / max(y1 - y0, 1e-300) * plotH }
        let pyRaw = { (v: Double) in top + plotH - (v - y0) / max(y1 - y0, 1e-300) * plotH }
        svg += "<g stroke=\"#ddd\">"
        for t in xTicks { svg += "<line x1=\"\(f(pxRaw(t)))\" y1=\"\(f(top))\" x2=\"\(f(pxRaw(t)))\" y2=\"\(f(top + plotH))\"/>" }
        for t in yTicks { svg += "<line x1=\"\(f(left))\" y1=\"\(f(pyRaw(t)))\" x2=\"\(f(left + plotW))\" y2=\"\(f(pyRaw(t)))\"/>" }
        svg += "</g><rect x=\"\(f(left))\" y=\"\(f(top))\" width=\"\(f(plotW))\" height=\"\(f(plotH))\" fill=\"none\" stroke=\"black\"/>"
        for t in xTicks {
            let text = logX ? LinePlot.label(pow(10, t)) : LinePlot.label(t)
            svg += "<text x=\"\(f(pxRaw(t)))\" y=\"\(f(top + plotH + 14))\" text-anchor=\"middle\">\(text)</text>"
        }
        for t in yTicks {
            let text = logY ? LinePlot.label(pow(10, t)) : LinePlot.label(t)
            svg += "<text x=\"\(f(left - 4))\" y=\"\(f(pyRaw(t) + 4))\" text-anchor=\"end\">\(text)</text>"
        }
        svg += "<text x=\"\(f(left + plotW / 2))\" y=\"\(f(height - 8))\" text-anchor=\"middle\">\(HTMLText.escape(xLabel))</text>"
        svg += "<text transform=\"translate(14 \(f(top + plotH / 2))) rotate(-90)\" text-anchor=\"middle\">\(HTMLText.escape(yLabel))</text>"
        for (index, points) in lines.enumerated() where !points.isEmpty {
            let color = LinePlot.palette[index % LinePlot.palette.count]
            let path = points.map { "\(f(px($0.x))),\(f(py($0.y)))" }.joined(separator: " ")
            svg += "<polyline fill=\"none\" stroke=\"\(color)\" stroke-width=\"1.8\" points=\"\(path)\"/>"
            if points.count <= 30 {
                for p in points { svg += "<circle cx=\"\(f(px(p.x)))\" cy=\"\(f(py(p.y)))\" r=\"2.5\" fill=\"\(color)\"/>" }
            }
            let ly = top + 10 + Double(index) * 16
            svg += "<line x1=\"\(f(left + plotW + 10))\" y1=\"\(f(ly))\" x2=\"\(f(left + plotW + 28))\" y2=\"\(f(ly))\" stroke=\"\(color)\" stroke-width=\"2\"/>"
            svg += "<text x=\"\(f(left + plotW + 32))\" y=\"\(f(ly + 4))\">\(HTMLText.escape(series[index].name))</text>"
        }
        return svg + "</svg>"
    }

    /// Evenly spaced round tick values (steps of 1, 2 or 5 times a power of ten) covering `[low, high]`.
    static func niceTicks(_ low: Double, _ high: Double, target: Int = 5) -> [Double] {
        var lo = low, hi = high
        if hi - lo < 1e-12 * max(1, abs(lo)) { lo -= 0.5 * max(abs(lo), 1e-6); hi += 0.5 * max(abs(hi), 1e-6) }
        let raw = (hi - lo) / Double(target)
        let magnitude = pow(10, floor(log10(raw)))
        let step = [1.0, 2.0, 5.0, 10.0].map { $0 * magnitude }.first { $0 >= raw } ?? 10 * magnitude
        let first = floor(lo / step) * step, last = ceil(hi / step) * step
        return stride(from: first, through: last + step * 0.5, by: step).map { ($0 / step).rounded() * step }
    }

    /// Tick positions (log10 of the values) on a log axis covering `[low, high]` (log10 units): the values 1, 2 and 5
    /// times a power of ten within two decades, the powers of ten alone over wider spans.
    static func logTicks(_ low: Double, _ high: Double) -> [Double] {
        let mantissas: [Double] = high - low > 2 ? [1] : [1, 2, 5]
        let candidates = stride(from: floor(low), through: ceil(high), by: 1).flatMap { decade in
            mantissas.map { log10($0) + decade }
        }
        let first = candidates.last { $0 <= low + 1e-9 } ?? candidates[0]
        let last = candidates.first { $0 >= high - 1e-9 } ?? candidates[candidates.count - 1]
        return candidates.filter { $0 >= first && $0 <= last }
    }

    /// A compact tick label.
    static func label(_ value: Double) -> String {
        if value == 0 { return "0" }
        let a = abs(value)
        if a >= 1e6 || a < 1e-3 { return String(format: "%.0e", value) }
        if a >= 100 || value == value.rounded() { return String(format: "%.0f", value) }
        return String(format: "%.3g", value)
    }

    private func f(_ value: Double) -> String { String(format: "%.1f", value) }
}

/// HTML escaping for text nodes and attribute values.
public enum HTMLText {
    /// Escapes `&`, `<`, `>` and quotes.
    public static func escape(_ text: String) -> String {
        var out = ""
        for ch in text {
            switch ch {
            case "&": out += "&amp;"
            case "<": out += "&lt;"
            case ">": out += "&gt;"
            case "\"": out += "&quot;"
            default: out.append(ch)
            }
        }
        return out
    }
}
