import ArgumentParser
import EarshotConsole
import EarshotCore
import EarshotStore
import Foundation
import Terminal

/// `earshot [open]`: the full-screen console.
struct Open: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "open",
        abstract: "Open the console (the default verb)."
    )

    @Option(name: .long, help: ArgumentHelp("The store directory to open.", valueName: "path"))
    var store: String?

    @Flag(name: .long, help: "Open a fresh temporary copy of the bundled demo store.")
    var demo = false

    @Option(name: .customLong("as"), help: ArgumentHelp("Act as this staff login (demo stores only).", valueName: "login"))
    var actAs: String?

    @Option(name: .long, help: ArgumentHelp("Colour theme: default, light, high-contrast, monochrome, or a file name in a themes folder.", valueName: "name"))
    var theme: String?

    @Flag(name: .long, help: "Draw in plain ASCII, whatever the locale.")
    var ascii = false

    func run() throws {
        let env = ProcessInfo.processInfo.environment
        let resources = Resources.locate(environment: env)
        let root: URL
        if demo {
            guard let seed = resources.demoSeed else {
                throw UserError("Cannot find seeds/demo next to this earshot binary. Set EARSHOT_HOME to the Earshot checkout.")
            }
            root = try StoreSetup.temporaryCopy(of: seed)
        } else {
            let location = StoreSetup.location(flag: store, environment: env)
            guard FileManager.default.fileExists(atPath: location.url.appendingPathComponent("store.json").path) else {
                throw UserError("""
                    No Earshot store at \(location.url.path) (from \(location.source)).
                    Create one with `earshot init \(location.url.path)`, point --store or $EARSHOT_STORE at one, \
                    or try the demo with `earshot --demo`.
                    """)
            }
            root = location.url
        }

        let opened: Store
        do {
            opened = try Store(at: root)
            try opened.compactIfNeeded(now: Date())
        } catch {
            throw UserError("\(error)")
        }
        let ws = opened.workspace
        let (me, note) = try Identity.resolve(in: ws, actAs: actAs, storePath: root.path)
        let clock = Clock.forStore(ws.config)

        // NO_COLOR (any non-empty value) wins over --theme: https://no-color.org
        let noColor = !(env["NO_COLOR"] ?? "").isEmpty
        let themeName = noColor ? "monochrome" : (theme ?? "default")
        let loader = ThemeLoader(directories: resources.themeDirectories)
        var chosenTheme: Theme
        do {
            chosenTheme = try loader.load(themeName)
        } catch {
            throw UserError("\(error)")
        }

        // Rebindings from $XDG_CONFIG_HOME/earshot/keymap.json; a bad file is an error, not a surprise.
        var keymap = Keymap.standard
        let keymapFile = resources.configDirectory.appendingPathComponent("keymap.json")
        if let data = try? Data(contentsOf: keymapFile) {
            do {
                keymap = try KeymapFile.load(data)
            } catch {
                throw UserError("\(keymapFile.path): \(error)")
            }
        }

        try MainActor.assumeIsolated {
            Signals.install()
            let backend: NCursesBackend
            do {
                backend = try NCursesBackend(options: .init(ascii: ascii, forceMonochrome: themeName == "monochrome"))
            } catch {
                throw UserError("Cannot start the terminal: \(error)")
            }
            // No colours at all: only attributes can carry meaning.
            if backend.capabilities.colors == 0 { chosenTheme = .monochrome }
            var state = AppState(
                workspace: ws, me: me, now: clock(), size: backend.size,
                glyphs: backend.capabilities.unicode && !ascii ? .unicode : .ascii,
                theme: chosenTheme, keymap: keymap)
            if !opened.warnings.isEmpty {
                state.message = StatusMessage(opened.warnings.joined(separator: "; "), .warning)
            } else if let note {
                state.message = StatusMessage(note, .info)
            }
            // Admins see each account's last fetch, or why it failed, on opening.
            let fetching = me.role == .admin && opened.warnings.isEmpty ? FetchState.summary(opened.files, now: Date()) : []
            if !fetching.isEmpty {
                let failing = FetchState.all(opened.files).contains { $0.state.lastError != nil }
                state.message = StatusMessage(Sanitizer.clean("fetch: " + fetching.joined(separator: "; ")), failing ? .warning : .info)
            }
            let log = FileLog.standard(environment: env)
            log.write("opened \(root.path) as \(me.login) (\(me.role.rawValue))")
            let runtime = ConsoleRuntime(state: state, backend: backend, store: opened, clock: clock, log: log)
            runtime.run()
            backend.shutdown()
            log.write(Signals.stopRequested ? "stopped by a signal" : "quit")
        }
        if demo {
            print("The demo store is kept at \(root.path); open it again with: earshot --store \(root.path)")
        }
    }
}

/// Who is at the keyboard: the Unix login, looked up in staff.json.
enum Identity {
    static func resolve(in ws: Workspace, actAs: String?, storePath: String) throws -> (StaffMember, String?) {
        if let actAs {
            guard ws.config.demo != nil else {
                throw UserError("--as works on demo stores only; on a real store you are your Unix login.")
            }
            guard let member = ws.member(actAs) else {
                let logins = ws.staff.map { "\($0.login) (\($0.role.rawValue))" }.joined(separator: ", ")
                throw UserError("No '\(actAs)' in this store's staff.json. Try one of: \(logins).")
            }
            return (member, nil)
        }
        let login = currentLogin()
        if let member = ws.member(login) { return (member, nil) }
        if let demo = ws.config.demo, let member = ws.member(demo.defaultLogin) {
            return (member, "demo: you are \(member.login) (\(member.role.rawValue)); try --as priya for comms")
        }
        throw UserError("""
            Your login '\(login)' is not in \(storePath)/staff.json, so Earshot cannot tell what you may do.
            Ask an admin to add you; nothing was opened.
            """)
    }

    static func currentLogin() -> String {
        if let pw = getpwuid(getuid()), let name = pw.pointee.pw_name { return String(cString: name) }
        return ProcessInfo.processInfo.environment["USER"] ?? "unknown"
    }
}

/// The console's clock: real time, except on demo stores, where time starts at the
/// demo's anchor so the seeded ages and "today" stay meaningful.
enum Clock {
    static func forStore(_ config: StoreConfig) -> @Sendable () -> Date {
        guard let anchor = config.demo?.clockAnchor else { return { Date() } }
        let start = Date()
        return { anchor.addingTimeInterval(Date().timeIntervalSince(start)) }
    }
}
