// MARK: - Coding

/// Series values are written as JSON numbers, except NaN and ±inf, which JSON cannot
/// hold; they become the strings `"nan"`, `"inf"` and `"-inf"`, the spelling nbrun's
/// tensor events use. Decoding accepts both forms.
extension Figure.Series: Codable {
    private enum CodingKeys: String, CodingKey {
        case kind, label, color, x, y, values, vmin, vmax, extent, origin, thinnedFrom, style
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        kind = try container.decode(Figure.Kind.self, forKey: .kind)
        label = try container.decodeIfPresent(String.self, forKey: .label)
        color = try container.decodeIfPresent(String.self, forKey: .color)
        x = try container.decodeIfPresent([PlotNumber].self, forKey: .x)?.map(\.value) ?? []
        y = try container.decodeIfPresent([PlotNumber].self, forKey: .y)?.map(\.value) ?? []
        values = try container.decodeIfPresent([[PlotNumber]].self, forKey: .values)?.map { $0.map(\.value) }
        vmin = try container.decodeIfPresent(PlotNumber.self, forKey: .vmin)?.value
        vmax = try container.decodeIfPresent(PlotNumber.self, forKey: .vmax)?.value
        extent = try container.decodeIfPresent([PlotNumber].self, forKey: .extent)?.map(\.value)
        origin = try container.decodeIfPresent(Figure.Origin.self, forKey: .origin)
        thinnedFrom = try container.decodeIfPresent(Int.self, forKey: .thinnedFrom)
        style = try container.decodeIfPresent(Style.self, forKey: .style) ?? Style()
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try container.encodeIfPresent(label, forKey: .label)
        try container.encodeIfPresent(color, forKey: .color)
        if ![.image].contains(kind) {
            try container.encode(x.map(PlotNumber.init), forKey: .x)
            try container.encode(y.map(PlotNumber.init), forKey: .y)
        }
        try container.encodeIfPresent(values?.map { $0.map(PlotNumber.init) }, forKey: .values)
        try container.encodeIfPresent(vmin.map(PlotNumber.init), forKey: .vmin)
        try container.encodeIfPresent(vmax.map(PlotNumber.init), forKey: .vmax)
        try container.encodeIfPresent(extent?.map(PlotNumber.init), forKey: .extent)
        try container.encodeIfPresent(origin, forKey: .origin)
        try container.encodeIfPresent(thinnedFrom, forKey: .thinnedFrom)
        if !style.isEmpty { try container.encode(style, forKey: .style) }
    }
}

/// A `Double` that encodes NaN and ±inf as strings.
struct PlotNumber: Codable {
    var value: Double

    init(_ value: Double) { self.value = value }

    init(from decoder: Decoder) throws {
        let container = try decoder.singleValueContainer()
        if let number = try? container.decode(Double.self) {
            value = number
            return
        }
        switch try container.decode(String.self) {
        case "nan": value = .nan
        case "inf": value = .infinity
        case "-inf": value = -.infinity
        case let text:
            throw DecodingError.dataCorruptedError(in: container, debugDescription: "not a number: \(text)")
        }
    }

    func encode(to encoder: Encoder) throws {
        var container = encoder.singleValueContainer()
        if value.isNaN {
            try container.encode("nan")
        } else if value.isInfinite {
            try container.encode(value < 0 ? "-inf" : "inf")
        } else {
            try container.encode(value)
        }
    }
}

/// A style's numbers may be NaN (a `c=` value of NaN draws nothing), so they are coded as
/// ``PlotNumber``s too.
extension Figure.Series.Style: Codable {
    private enum CodingKeys: String, CodingKey {
        case colorValues, sizes, marker, alpha, cmap, levels, width, yerr, xerr, text, arrowTo, span
        case horizontalAlignment, fontSize
    }

    public init(from decoder: Decoder) throws {
        let container = try decoder.container(keyedBy: CodingKeys.self)
        func numbers(_ key: CodingKeys) throws -> [Double]? {
            try container.decodeIfPresent([PlotNumber].self, forKey: key)?.map(\.value)
        }
        func number(_ key: CodingKeys) throws -> Double? {
            try container.decodeIfPresent(PlotNumber.self, forKey: key)?.value
        }
        self.init()
        colorValues = try numbers(.colorValues)
        sizes = try numbers(.sizes)
        marker = try container.decodeIfPresent(String.self, forKey: .marker)
        alpha = try number(.alpha)
        cmap = try container.decodeIfPresent(String.self, forKey: .cmap)
        levels = try numbers(.levels)
        width = try number(.width)
        yerr = try numbers(.yerr)
        xerr = try numbers(.xerr)
        text = try container.decodeIfPresent(String.self, forKey: .text)
        arrowTo = try numbers(.arrowTo)
        span = try numbers(.span)
        horizontalAlignment = try container.decodeIfPresent(String.self, forKey: .horizontalAlignment)
        fontSize = try number(.fontSize)
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        func put(_ values: [Double]?, _ key: CodingKeys) throws {
            try container.encodeIfPresent(values?.map(PlotNumber.init), forKey: key)
        }
        func put(_ value: Double?, _ key: CodingKeys) throws {
            try container.encodeIfPresent(value.map(PlotNumber.init), forKey: key)
        }
        try put(colorValues, .colorValues)
        try put(sizes, .sizes)
        try container.encodeIfPresent(marker, forKey: .marker)
        try put(alpha, .alpha)
        try container.encodeIfPresent(cmap, forKey: .cmap)
        try put(levels, .levels)
        try put(width, .width)
        try put(yerr, .yerr)
        try put(xerr, .xerr)
        try container.encodeIfPresent(text, forKey: .text)
        try put(arrowTo, .arrowTo)
        try put(span, .span)
        try container.encodeIfPresent(horizontalAlignment, forKey: .horizontalAlignment)
        try put(fontSize, .fontSize)
    }
}
