import ArgumentParser
import EarshotCore
import EarshotStore
import Foundation

/// `earshot init PATH`: a new, empty store with you as its admin.
struct Init: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Create a new, empty store with you as its admin."
    )

    @Argument(help: ArgumentHelp("Directory for the new store.", valueName: "path"))
    var path: String

    @Option(name: .long, help: "The organisation's name.")
    var organisation = "My Library Service"

    @Option(name: .long, help: "IANA time zone in which days are counted.")
    var timeZone = TimeZone.current.identifier

    @Option(name: .long, help: ArgumentHelp(
        "Share the store with this Unix group (setgid, group-writable). Without it the store is yours alone (mode 0700).",
        valueName: "group"))
    var group: String?

    func run() throws {
        let login = Identity.currentLogin()
        let url = URL(fileURLWithPath: path)
        do {
            try StoreSetup.create(
                at: url, organisation: organisation,
                admin: StaffMember(login: login, name: login, role: .admin), timeZone: timeZone, group: group)
        } catch {
            throw UserError("\(error)")
        }
        print("""
            Created an Earshot store at \(url.path) with \(login) as its admin.
            Add branches to store.json and people to staff.json, then open it with:
              \(Relaunch.command(store: url.path, environment: ProcessInfo.processInfo.environment))
            """)
    }
}
