import ArgumentParser
import EarshotCore
import EarshotStore
import Foundation

/// `earshot compact`: folds the journal into the snapshot and archives old closed
/// items. Never done on the way into the console (a person would wait for it):
/// `publish` and `fetch` do it when the journal is long, or a timer runs this.
struct Compact: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fold the journal into the snapshot and move closed items untouched for 30 days to archive/.",
        discussion: "publish and fetch do this by themselves once the journal passes \(Store.compactionThreshold) events; --if-needed does only that."
    )

    @Option(name: .long, help: ArgumentHelp("The store directory.", valueName: "path"))
    var store: String?

    @Flag(name: .long, help: "Only when the journal has passed the threshold.")
    var ifNeeded = false

    func run() throws {
        let location = StoreSetup.location(flag: store, environment: ProcessInfo.processInfo.environment)
        do {
            let opened = try Store(at: location.url)
            let events = opened.journalEventCount
            if ifNeeded, events < Store.compactionThreshold {
                print("nothing to do: \(events) events in the journal (compacts from \(Store.compactionThreshold))")
                return
            }
            try opened.compact(now: Date())
            print("compacted \(events) journal events into snapshot.json")
            for warning in opened.warnings { print(TerminalSafe.line("warning: \(warning)")) }
        } catch {
            throw UserError("\(error)")
        }
    }
}

extension Store {
    /// For the timer verbs: compacts a long journal, and says so on standard error
    /// if it could not (the verb's own work stands).
    func compactAfterTimerVerb() {
        do {
            let events = journalEventCount
            try compactIfNeeded(now: Date())
            if journalEventCount < events { print("compacted \(events) journal events into snapshot.json") }
        } catch {
            FileHandle.standardError.write(Data((TerminalSafe.line("warning: the journal was not compacted: \(error)") + "\n").utf8))
        }
    }
}
