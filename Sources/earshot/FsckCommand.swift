import ArgumentParser
import EarshotStore
import Foundation

/// `earshot fsck`: check a store, and with --repair set damaged journal lines aside.
struct Fsck: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Check a store's files; --repair moves damaged journal lines to journal.rejected."
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
            throw UserError("\(error)")
        }
        for problem in report.problems { print("problem: \(problem)") }
        for repair in report.repairs { print("repaired: \(repair)") }
        if report.ok {
            print("\(location.url.path): ok, \(report.events) journal events")
        } else if report.repairs.isEmpty {
            print(repair ? "Nothing could be repaired automatically; fix the file named above by hand."
                         : "Run `earshot fsck --repair` to move damaged lines aside; nothing is deleted.")
            throw ExitCode(1)
        }
    }
}
