import ArgumentParser
import EarshotCore
import EarshotStore
import Foundation
import Terminal

/// `earshot shell LOGIN`: what each key's line in the service account's
/// authorized_keys runs. The login is the argument the key's line sets, never the
/// environment or `--as`. Without a command it opens the console as LOGIN; with one
/// (`ssh host audit`, given to us in SSH_ORIGINAL_COMMAND) it runs that verb only if
/// LOGIN's role may, and refuses everything else: nobody gets a shell.
struct Shell: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "For authorized_keys lines (see `earshot keys`): the console as LOGIN, or one allowed verb."
    )

    /// The verbs a role may run over SSH besides the console. Read-only reports only:
    /// `publish` belongs to the service account's timer, `keys` to its admin at the host.
    static let verbs: [String: Set<Role>] = [
        "audit": [.comms, .admin],
        "fsck": [.admin],
    ]

    @Option(name: .long, help: ArgumentHelp("The store directory.", valueName: "path"))
    var store: String?

    @Argument(help: "The login this key belongs to.")
    var login: String

    func run() throws {
        let env = ProcessInfo.processInfo.environment
        let root = StoreSetup.location(flag: store, environment: env).url
        try Shell.requirePrivate(root)
        let opened: Store
        do {
            opened = try Store(at: root)
        } catch {
            throw UserError("\(error)")
        }
        guard let me = opened.workspace.member(login) else {
            throw UserError("'\(Sanitizer.clean(login))' is not in this store's staff.json any more; ask an admin. Nothing was opened.")
        }
        let requested = (env["SSH_ORIGINAL_COMMAND"] ?? "").trimmingCharacters(in: .whitespacesAndNewlines)
        if !requested.isEmpty {
            try runVerb(requested, as: me, store: root)
            return
        }
        // A real store: real time; a demo block is never honoured here.
        let notes = opened.workspace.config.demo == nil ? [] : [Identity.ignoredDemoBlock]
        try MainActor.assumeIsolated {
            try ConsoleLaunch(me: me, clock: { Date() }, notes: notes).run(opened)
        }
    }

    /// Runs one allowed verb against this store, or refuses with exit status 1.
    func runVerb(_ requested: String, as me: StaffMember, store root: URL) throws {
        let words = requested.split(whereSeparator: \.isWhitespace).map(String.init)
        let allowed = Shell.verbs.filter { $0.value.contains(me.role) }.keys.sorted()
        let refuse = { (why: String) -> any Error in
            let offer = (["the console (no command)"] + allowed).joined(separator: ", ")
            FileHandle.standardError.write(Data("""
                earshot: '\(Sanitizer.clean(String(requested.prefix(80))))' is not allowed: \(why).
                \(me.login) (\(me.role.rawValue)) may run: \(offer). Nothing was run.\n
                """.utf8))
            return ExitCode(1)
        }
        guard let verb = words.first, Shell.verbs[verb]?.contains(me.role) == true else {
            throw refuse(Shell.verbs[words.first ?? ""] == nil ? "this account gives no shell and runs only earshot's own verbs"
                                                              : "your role may not run it")
        }
        // Plain words only (no paths, quotes or shell syntax), and the store is not theirs to choose.
        for word in words.dropFirst() {
            let plain = word.unicodeScalars.allSatisfy { $0.isASCII && ($0.properties.isAlphabetic || "0123456789:._=+-".unicodeScalars.contains($0)) }
            if !plain || word.hasPrefix("--store") || word.hasPrefix("--as") {
                throw refuse("'\(Sanitizer.clean(word))' is not an option this account accepts")
            }
        }
        var command = try Earshot.parseAsRoot(words + ["--store", root.path])
        try command.run()
    }

    /// The service-account deployment only: the store must belong to the account
    /// running this, with no access for anyone else. On a shared store anyone could
    /// run `earshot shell priya` themselves, so it refuses.
    static func requirePrivate(_ root: URL) throws {
        var st = stat()
        guard stat(root.path, &st) == 0 else {
            throw UserError("No Earshot store at \(root.path); see the README's Deployment section.")
        }
        guard st.st_uid == geteuid(), st.st_mode & 0o077 == 0 else {
            throw UserError("""
                earshot shell serves only a store that belongs to the account running it, mode 0700 \
                (the service-account deployment); \(root.path) is not. Nothing was opened.
                """)
        }
    }
}
