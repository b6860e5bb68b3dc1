import ArgumentParser
import EarshotStore
import Foundation
import Terminal

/// `earshot fsck`: check a store, and with --repair set damaged journal lines aside.
struct Fsck: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a store's files, its hash chain (as `verify` does) and what its events refer to; --repair moves damaged journal lines to journal.rejected.",
        discussion: "Without --repair it writes nothing and takes no lock, so a user who can only read the store can run it."
    )

    @Option(name: .long, help: ArgumentHelp("The store directory to check.", valueName: "path"))
    var store: String?

    @Flag(name: .long, help: "Repair what can be repaired without losing anything.")
    var repair = false

    func run() throws {
        let location = StoreSetup.location(flag: store, environment: ProcessInfo.processInfo.environment)
        let report: StoreCheck.Report
        do {
            report = try StoreCheck(root: location.url).run(repair: repair)
        } catch {
            throw UserError(Sanitizer.clean("\(error)"))
        }
        // Problems quote actors and ids from the journal: hostile text is neutralised.
        for problem in report.problems { print("problem: \(Sanitizer.clean(problem))") }
        for repair in report.repairs { print("repaired: \(Sanitizer.clean(repair))") }
        for note in report.notes { print("note: \(Sanitizer.clean(note))") }
        if report.ok {
            print("\(location.url.path): ok, \(report.events) journal events")
        } else {
            if !repair {
                print("Run `earshot fsck --repair` to move damaged lines aside (nothing is deleted); what remains needs a person: restore the file named above from a backup, or take it up with whoever changed it.")
            } else {
                print("Still not ok: what is listed above could not be repaired automatically.")
            }
            throw ExitCode(1)
        }
    }
}
