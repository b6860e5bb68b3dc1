import Foundation

/// Finds the files that ship beside the binary: the demo seed and the themes.
struct Resources {
    var root: URL?
    var demoSeed: URL? { root.map { $0.appendingPathComponent("seeds/demo") } }
    var themeDirectories: [URL]
    /// `$XDG_CONFIG_HOME/earshot`: the keymap and personal themes.
    var configDirectory: URL

    /// Looks in $EARSHOT_HOME, then upwards from the executable, then upwards from
    /// where this file was compiled (a `swift run` from anywhere).
    static func locate(environment env: [String: String]) -> Resources {
        var candidates: [URL] = []
        if let home = env["EARSHOT_HOME"], !home.isEmpty { candidates.append(URL(fileURLWithPath: home)) }
        let exe = URL(fileURLWithPath: "/proc/self/exe").resolvingSymlinksInPath()
        candidates += ancestors(of: exe.deletingLastPathComponent())
        candidates += ancestors(of: URL(fileURLWithPath: #filePath).deletingLastPathComponent())
        let root = candidates.first {
            FileManager.default.fileExists(atPath: $0.appendingPathComponent("seeds/demo/store.json").path)
        }
        let config = env["XDG_CONFIG_HOME"].flatMap { $0.isEmpty ? nil : $0 }
            ?? ((env["HOME"] ?? NSHomeDirectory()) + "/.config")
        let configDirectory = URL(fileURLWithPath: config).appendingPathComponent("earshot")
        var themes = [configDirectory.appendingPathComponent("themes")]
        if let root { themes.append(root.appendingPathComponent("Themes")) }
        return Resources(root: root, themeDirectories: themes, configDirectory: configDirectory)
    }

    private static func ancestors(of url: URL) -> [URL] {
        var list: [URL] = []
        var current = url.standardizedFileURL
        while current.path != "/" {
            list.append(current)
            current = current.deletingLastPathComponent()
        }
        return list
    }
}
