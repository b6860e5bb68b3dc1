import ArgumentParser
import EarshotCore
import EarshotStore
import Foundation

/// `earshot publish`: for cron or a systemd timer.
struct Publish: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Move every due approved post into the store's outbox/ (one JSON file per post per channel), exactly once."
    )

    @Option(name: .long, help: ArgumentHelp("The store directory.", valueName: "path"))
    var store: String?

    @Option(name: .customLong("as"), help: ArgumentHelp("Act as this staff login (demo stores only).", valueName: "login"))
    var actAs: String?

    func run() throws {
        let location = StoreSetup.location(flag: store, environment: ProcessInfo.processInfo.environment)
        let opened: Store
        do {
            opened = try Store(at: location.url)
        } catch {
            throw UserError("\(error)")
        }
        let (me, _) = try Identity.resolve(in: opened.workspace, actAs: actAs, storePath: location.url.path)
        let now = Clock.forStore(opened.workspace.config)()
        let report: PublishReport
        do {
            report = try opened.publishDue(now: now, actor: me.login)
        } catch {
            throw UserError("\(error)")
        }
        for (draft, files) in report.published.sorted(by: { $0.key < $1.key }) {
            print("published \(draft): \(files.joined(separator: ", "))")
        }
        for draft in report.expired { print("expired \(draft): its time passed unapproved; sent back to its author") }
        for line in report.refused { print("refused \(line)") }
        if report.published.isEmpty && report.expired.isEmpty { print("nothing due") }
        if !report.refused.isEmpty { throw ExitCode(1) }
    }
}

/// `earshot audit`: who did what, when, from the journal and its archive.
struct Audit: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Print the store's events: JSON lines (default) or a table."
    )

    enum Format: String, ExpressibleByArgument { case jsonl, table }

    @Option(name: .long, help: ArgumentHelp("The store directory.", valueName: "path"))
    var store: String?

    @Option(name: .long, help: ArgumentHelp("Only events at or after this date (YYYY-MM-DD or an ISO-8601 time).", valueName: "date"))
    var since: String?

    @Option(name: .long, help: "jsonl or table.")
    var format: Format = .jsonl

    func run() throws {
        let location = StoreSetup.location(flag: store, environment: ProcessInfo.processInfo.environment)
        var from: Date?
        if let since {
            guard let date = ISO8601DateFormatter().date(from: since)
                ?? ISO8601DateFormatter().date(from: since + "T00:00:00Z") else {
                throw UserError("--since '\(since)' is not a date; write 2026-11-27 or 2026-11-27T09:00:00Z")
            }
            from = date
        }
        let events: [Event]
        do {
            events = try Store(at: location.url).history(since: from)
        } catch {
            throw UserError("\(error)")
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        for event in events {
            switch format {
            case .jsonl:
                print(String(decoding: try encoder.encode(event), as: UTF8.self))
            case .table:
                let at = ISO8601DateFormatter().string(from: event.at)
                print("\(String(event.seq).padding(toLength: 7, withPad: " ", startingAt: 0)) \(at)  \(event.actor.padding(toLength: max(10, event.actor.count), withPad: " ", startingAt: 0)) \(AuditLine.describe(event.change))")
            }
        }
    }
}

/// One readable line per change, for the table.
enum AuditLine {
    static func describe(_ change: Change) -> String {
        switch change {
        case .received(let item): "received \(item.id) from \(item.author.handle) on \(item.channel.displayName)"
        case .triaged(let id, let from, let to): "triaged \(id) \(from.rawValue) → \(to.rawValue)"
        case .assigned(let id, let to): "assigned \(id) to \(to ?? "nobody")"
        case .tagged(let id, let added, let removed): "tagged \(id) " + (added.map { "+\($0)" } + removed.map { "-\($0)" }).joined(separator: " ")
        case .draftCreated(let draft): "created \(draft.id) for \(draft.channels.map(\.rawValue).joined(separator: ","))"
        case .revised(let id, let revision): "revised \(id) to r\(revision.number)"
        case .submitted(let id, let revision): "submitted \(id) r\(revision)"
        case .approved(let id, let revision): "approved \(id) r\(revision)"
        case .changesRequested(let id, let revision, let comment): "asked for changes to \(id) r\(revision): \(comment)"
        case .rejected(let id, let revision, let reason): "rejected \(id) r\(revision): \(reason)"
        case .noted(let id, _): "noted \(id) (internal)"
        case .replyDrafted(let draft, let direct): "replied to \(draft.inReplyTo ?? "?") as \(draft.id)\(direct ? " (direct)" : " (for approval)")"
        case .reverted(let id, let from, let to, let seq): "undid #\(seq) on \(id): \(from.rawValue) → \(to.rawValue)"
        case .scheduled(let id, let at): "scheduled \(id) for \(at.map { ISO8601DateFormatter().string(from: $0) } ?? "when approved")"
        case .expired(let id): "expired \(id)"
        case .attached(let id, let images): "attached \(images.count) image(s) to \(id)"
        case .published(let id, let files): "published \(id): \(files.joined(separator: ", "))"
        case .refused(let command, let rule, let reason): "REFUSED \(command) [\(rule)]: \(reason)"
        }
    }
}
