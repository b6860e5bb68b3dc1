import Foundation
import Terminal

/// Named styles for every part of the screen, loaded from `Themes/NAME.json`.
/// Views ask for a role, never for a colour, so a theme can restyle anything.
public struct Theme: Sendable {
    public enum Role: String, CaseIterable, Codable, Sendable {
        /// The whole screen's own colours. A theme that sets them (light, high-contrast)
        /// does not depend on the terminal's background; every other role without a
        /// colour of its own takes these.
        case screen
        case header, analytics, sparkline, paneTitle, paneTitleFocused
        case row, rowSelected, rowSelectedUnfocused, dim
        case statusNew, statusNeedsReply, statusEscalated, statusClosed
        case stateWaiting, stateGood, stateBad, stateNeutral
        case countOK, countOver
        case messageInfo, messageSuccess, messageRefusal, messageWarning
        case overlay, overlayTitle, prompt, keyHint
    }

    public var name: String
    var styles: [Role: Style]

    public subscript(role: Role) -> Style { styles[role] ?? .plain }

    /// Readable with no colour at all: bold, underline and reverse only.
    /// Also the last resort when no theme file can be found.
    public static let monochrome = Theme(name: "monochrome", styles: [
        .header: Style(attrs: [.reverse, .bold]),
        .paneTitleFocused: Style(attrs: [.bold, .underline]),
        .paneTitle: Style(attrs: []),
        .rowSelected: Style(attrs: [.reverse]),
        .rowSelectedUnfocused: Style(attrs: [.underline]),
        .dim: Style(attrs: [.dim]),
        .statusNew: Style(attrs: [.bold]),
        .statusEscalated: Style(attrs: [.bold, .underline]),
        .stateWaiting: Style(attrs: [.bold]),
        .countOver: Style(attrs: [.reverse, .bold]),
        .messageRefusal: Style(attrs: [.bold, .reverse]),
        .messageWarning: Style(attrs: [.bold]),
        .overlay: Style(attrs: []),
        .overlayTitle: Style(attrs: [.bold, .reverse]),
        .prompt: Style(attrs: [.bold]),
        .keyHint: Style(attrs: [.bold]),
    ])
}

/// The JSON form of a theme file.
struct ThemeFile: Codable {
    struct StyleSpec: Codable {
        var fg: Int?
        var bg: Int?
        var attrs: [String]?
    }

    var name: String
    var version: Int
    var styles: [String: StyleSpec]
}

public enum ThemeError: Error, CustomStringConvertible, Equatable {
    case notFound(name: String, searched: [String], available: [String])
    case invalid(file: String, detail: String)

    public var description: String {
        switch self {
        case .notFound(let name, let searched, let available):
            let list = available.isEmpty ? "none found" : available.joined(separator: ", ")
            return "No theme '\(name)' in \(searched.joined(separator: " or ")). Available: \(list)."
        case .invalid(let file, let detail):
            return "\(file): \(detail)"
        }
    }
}

/// Finds and parses theme files.
public struct ThemeLoader: Sendable {
    public var directories: [URL]

    public init(directories: [URL]) { self.directories = directories }

    public func available() -> [String] {
        let names = directories.flatMap { (try? FileManager.default.contentsOfDirectory(atPath: $0.path)) ?? [] }
        return Array(Set(names.filter { $0.hasSuffix(".json") }.map { String($0.dropLast(5)) })).sorted()
    }

    public func load(_ name: String) throws -> Theme {
        guard name.allSatisfy({ $0.isLetter || $0.isNumber || $0 == "-" || $0 == "_" }) else {
            throw ThemeError.notFound(name: name, searched: directories.map(\.path), available: available())
        }
        for dir in directories {
            let url = dir.appendingPathComponent("\(name).json")
            guard let data = try? Data(contentsOf: url) else { continue }
            return try Self.parse(data, file: url.path)
        }
        if name == "monochrome" { return .monochrome }
        throw ThemeError.notFound(name: name, searched: directories.map(\.path), available: available())
    }

    static func parse(_ data: Data, file: String) throws -> Theme {
        let spec: ThemeFile
        do {
            spec = try JSONDecoder().decode(ThemeFile.self, from: data)
        } catch {
            throw ThemeError.invalid(file: file, detail: "not a theme file (\(error))")
        }
        var styles: [Theme.Role: Style] = [:]
        for (key, value) in spec.styles {
            guard let role = Theme.Role(rawValue: key) else {
                throw ThemeError.invalid(file: file, detail: "unknown style '\(key)'; known: \(Theme.Role.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            var attrs: Attributes = []
            for a in value.attrs ?? [] {
                switch a {
                case "bold": attrs.insert(.bold)
                case "underline": attrs.insert(.underline)
                case "reverse": attrs.insert(.reverse)
                case "dim": attrs.insert(.dim)
                default: throw ThemeError.invalid(file: file, detail: "style '\(key)': unknown attribute '\(a)'")
                }
            }
            func color(_ n: Int?) throws -> TermColor {
                guard let n else { return .default }
                guard (0...255).contains(n) else { throw ThemeError.invalid(file: file, detail: "style '\(key)': colour \(n) is not 0–255") }
                return .indexed(UInt8(n))
            }
            styles[role] = Style(fg: try color(value.fg), bg: try color(value.bg), attrs: attrs)
        }
        if let base = styles[.screen] {
            for role in Theme.Role.allCases where role != .screen {
                var style = styles[role] ?? Style()
                if style.fg == .default { style.fg = base.fg }
                if style.bg == .default { style.bg = base.bg }
                styles[role] = style
            }
        }
        return Theme(name: spec.name, styles: styles)
    }
}
