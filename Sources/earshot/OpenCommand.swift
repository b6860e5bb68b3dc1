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

    @Flag(name: .long, help: "With --demo: make the copy, print its path and stop, without opening the console.")
    var copyOnly = false

    @Option(name: .customLong("as"), help: ArgumentHelp("Act as this staff login (in a demo copy only).", valueName: "login"))
    var actAs: String?

    @Option(name: .long, help: ArgumentHelp("Colour theme: default, light, high-contrast, monochrome, or a file name in a themes folder.", valueName: "name"))
    var theme: String?

    @Flag(name: .long, help: "Draw in plain ASCII, whatever the locale.")
    var ascii = false

    func run() throws {
        let env = ProcessInfo.processInfo.environment
        let root: URL
        if demo {
            guard let seed = Resources.locate(environment: env).demoSeed else {
                throw UserError("Cannot find seeds/demo next to this earshot binary. Set EARSHOT_HOME to the Earshot checkout.")
            }
            do {
                root = try DemoCopy.make(from: seed)
            } catch {
                throw UserError("\(error)")
            }
            if copyOnly {
                print(root.path)
                return
            }
        } else {
            if copyOnly { throw UserError("--copy-only goes with --demo.") }
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
        } catch {
            throw UserError("\(error)")
        }
        let marker = DemoCopy.recognise(root)
        let (me, notes) = try Identity.resolve(in: opened.workspace, demo: marker, actAs: actAs, storePath: root.path)
        let clock = Clock.forStore(demo: marker)
        try MainActor.assumeIsolated {
            try ConsoleLaunch(me: me, clock: clock, notes: notes, theme: theme, ascii: ascii).run(opened)
        }
        if marker != nil {
            print("The demo store is kept at \(root.path); open it again with: \(Relaunch.command(store: root.path, environment: env))")
        }
    }
}

/// Who is at the keyboard: the Unix login, looked up in staff.json. Only in a demo
/// copy made by `earshot --demo` (`demo` is its marker) may someone choose with `--as`,
/// or fall back to the demo's default login.
enum Identity {
    static func resolve(in ws: Workspace, demo: DemoCopy?, actAs: String?, storePath: String) throws -> (StaffMember, [String]) {
        var notes: [String] = []
        if ws.config.demo != nil, demo == nil {
            notes.append(ignoredDemoBlock)
        }
        if let actAs {
            guard demo != nil else {
                throw UserError("""
                    --as works only in a demo copy made by `earshot --demo`; on \(storePath) you are your Unix login, '\(currentLogin())'.
                    """)
            }
            guard let member = ws.member(actAs) else {
                let logins = ws.staff.map { "\($0.login) (\($0.role.rawValue))" }.joined(separator: ", ")
                throw UserError(Sanitizer.clean("No '\(actAs)' in this store's staff.json. Try one of: \(logins)."))
            }
            return (member, notes)
        }
        let login = currentLogin()
        if let member = ws.member(login) { return (member, notes) }
        if let demo, let member = ws.member(demo.defaultLogin) {
            return (member, notes + ["demo: you are \(member.login) (\(member.role.rawValue)); try --as priya for comms"])
        }
        throw UserError("""
            Your login '\(login)' is not in \(storePath)/staff.json, so Earshot cannot tell what you may do.
            Ask an admin to add you; nothing was opened.
            """)
    }

    static let ignoredDemoBlock =
        "store.json has a demo block; it is ignored: only a copy made by `earshot --demo` is a demo (remove the block)"

    static func currentLogin() -> String {
        if let pw = getpwuid(getuid()), let name = pw.pointee.pw_name { return String(cString: name) }
        return ProcessInfo.processInfo.environment["USER"] ?? "unknown"
    }
}

/// The clock: real time, except in a demo copy, where time runs from the demo's anchor
/// as from the moment the copy was made, the same for every session on it.
enum Clock {
    static func forStore(demo: DemoCopy?) -> @Sendable () -> Date {
        guard let demo else { return { Date() } }
        return { demo.time(at: Date()) }
    }
}
