import ArgumentParser
import EarshotConnect
import EarshotCore
import EarshotIngest
import EarshotStore
import Foundation

/// `earshot import wxr|feed FILE`: comments from an export file, recorded as `import:FILE`.
struct Import: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Import comments from a WordPress export (wxr) or a saved RSS/Atom feed (feed); known ones are skipped."
    )

    enum Kind: String, ExpressibleByArgument { case wxr, feed }

    @Option(name: .long, help: ArgumentHelp("The store directory.", valueName: "path")) var store: String?
    @Argument(help: "wxr or feed.") var kind: Kind
    @Argument(help: "The file.") var file: String
    @Option(name: .long, help: "Inbox channel (default blog).") var channel: String = "blog"
    @Option(name: .long, help: "Branch id to route the items to.") var branch: String?

    func run() throws {
        let opened = try openBackend(store)
        guard let ch = Channel(rawValue: channel) else { throw UserError("no channel '\(channel)'") }
        guard let data = FileManager.default.contents(atPath: file) else { throw UserError("cannot read \(file)") }
        let arrivals: [Arrival]
        do {
            arrivals = kind == .wxr ? try WXR.arrivals(data, channel: ch) : try Feed.arrivals(data, channel: ch)
        } catch {
            throw UserError("\(file): \(error); nothing was imported")
        }
        let name = URL(fileURLWithPath: file).lastPathComponent
        do {
            sayReport("imported \(name): ", try Ingestor(store: opened, actor: "import:\(name)", branch: branch).take(arrivals))
        } catch {
            throw UserError("nothing was imported: \(error)")
        }
    }
}
