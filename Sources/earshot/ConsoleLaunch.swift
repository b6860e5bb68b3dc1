import EarshotConsole
import EarshotCore
import EarshotStore
import Foundation
import Terminal

/// Runs the console on an open store for a person already known: shared by `open`
/// (Unix login, or the demo) and `shell` (the login of the SSH key). Every ncurses
/// call on the main actor: build and run it inside `MainActor.assumeIsolated`.
@MainActor
struct ConsoleLaunch {
    var me: StaffMember
    var clock: @Sendable () -> Date
    /// Said in the status line at start, after the store's own warnings.
    var notes: [String] = []
    var theme: String?
    var ascii = false

    /// `store` is handed over: it ends up owned by the console's store thread.
    func run(_ store: sending Store) throws {
        let env = ProcessInfo.processInfo.environment
        let resources = Resources.locate(environment: env)
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

        do {
            Signals.install()
            let backend: NCursesBackend
            do {
                backend = try NCursesBackend(options: .init(ascii: ascii, forceMonochrome: themeName == "monochrome"))
            } catch {
                throw UserError("Cannot start the terminal: \(error)")
            }
            Signals.wakeOnWindowChange()
            // No colours at all: only attributes can carry meaning.
            if backend.capabilities.colors == 0 { chosenTheme = .monochrome }
            var state = AppState(
                workspace: store.workspace, me: me, now: clock(), size: backend.size,
                glyphs: backend.capabilities.unicode && !ascii ? .unicode : .ascii,
                theme: chosenTheme, keymap: keymap)
            if !store.warnings.isEmpty {
                state.message = StatusMessage((store.warnings + notes).joined(separator: "; "), .warning)
            } else if !notes.isEmpty {
                state.message = StatusMessage(notes.joined(separator: "; "), .info)
            }
            state.showWhileAway()
            // Admins see each account's last fetch, or why it failed, on opening.
            if me.role == .admin, store.warnings.isEmpty {
                let fetching = FetchState.summary(store.files, now: Date())
                if !fetching.isEmpty {
                    let failing = FetchState.all(store.files).contains { $0.state.lastError != nil }
                    state.message = StatusMessage(Sanitizer.clean("fetch: " + fetching.joined(separator: "; ")), failing ? .warning : .info)
                }
            }
            let log = FileLog.standard(environment: env)
            log.write("opened \(store.files.root.path) as \(me.login) (\(me.role.rawValue))")
            // From here on the store belongs to its own thread; the loop owns the state.
            store.lockHolderLogin = me.login
            guard let storeThread = StoreThread(store: store, log: log) else {
                backend.shutdown()
                throw UserError("Cannot start the console: no pipe could be made (too many open files?)")
            }
            let runtime = ConsoleRuntime(state: state, backend: backend, storeThread: storeThread, clock: clock, log: log)
            runtime.run()
            backend.shutdown()
            log.write(Signals.stopRequested ? "stopped by a signal" : "quit")
        }
    }
}
