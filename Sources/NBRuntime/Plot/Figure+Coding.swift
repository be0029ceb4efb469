// MARK: - Coding

/// Series values are written as JSON numbers, except NaN and ±inf, which JSON cannot
/// hold; they become the strings `"nan"`, `"inf"` and `"-inf"`, the spelling nbrun's
/// tensor events use. Decoding accepts both forms.
extension Figure.Series: Codable {
    private enum CodingKeys: String, CodingKey {
        case kind, label, color, x, y, values, vmin, vmax, extent, origin, thinnedFrom
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
    }

    public func encode(to encoder: Encoder) throws {
        var container = encoder.container(keyedBy: CodingKeys.self)
        try container.encode(kind, forKey: .kind)
        try container.encodeIfPresent(label, forKey: .label)
        try container.encodeIfPresent(color, forKey: .color)
        if kind != .image {
            try container.encode(x.map(PlotNumber.init), forKey: .x)
            try container.encode(y.map(PlotNumber.init), forKey: .y)
        }
        try container.encodeIfPresent(values?.map { $0.map(PlotNumber.init) }, forKey: .values)
        try container.encodeIfPresent(vmin.map(PlotNumber.init), forKey: .vmin)
        try container.encodeIfPresent(vmax.map(PlotNumber.init), forKey: .vmax)
        try container.encodeIfPresent(extent?.map(PlotNumber.init), forKey: .extent)
        try container.encodeIfPresent(origin, forKey: .origin)
        try container.encodeIfPresent(thinnedFrom, forKey: .thinnedFrom)
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
