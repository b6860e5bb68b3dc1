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

    func run() throws {
        let location = StoreSetup.location(flag: store, environment: ProcessInfo.processInfo.environment)
        let opened: Store
        do {
            opened = try Store(at: location.url)
        } catch {
            throw UserError("\(error)")
        }
        // The demo clock only in a copy `earshot --demo` made; a demo block in store.json never moves it.
        let marker = DemoCopy.recognise(location.url)
        if marker == nil, opened.workspace.config.demo != nil {
            FileHandle.standardError.write(Data("warning: \(Identity.ignoredDemoBlock)\n".utf8))
        }
        let now = Clock.forStore(demo: marker)()
        let report: PublishReport
        do {
            // The gate's decisions are the publisher's, recorded as the machine actor
            // `publish`, whoever's cron or timer runs it; no staff login is borrowed.
            report = try opened.publishDue(now: now, actor: Rules.publisherActor)
        } catch {
            throw UserError("\(error)")
        }
        for (draft, files) in report.published.sorted(by: { $0.key < $1.key }) {
            print("published \(draft): \(files.joined(separator: ", "))")
        }
        for draft in report.expired { print("expired \(draft): its time passed unapproved; sent back to its author") }
        for line in report.sentBack { print(TerminalSafe.line("sent back \(line)")) }
        for line in report.waiting { print(TerminalSafe.line("waiting \(line)")) }
        for line in report.refused { print(TerminalSafe.line("refused \(line)")) }
        if report.published.isEmpty && report.expired.isEmpty && report.sentBack.isEmpty && report.waiting.isEmpty { print("nothing due") }
        // The timer's turn, not a person's: a long journal is compacted here, never on opening.
        opened.compactAfterTimerVerb()
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
            events = try StoreBackends.open(at: location.url).history(since: from)
        } catch {
            throw UserError("\(error)")
        }
        let encoder = JSONEncoder()
        encoder.outputFormatting = [.sortedKeys, .withoutEscapingSlashes]
        encoder.dateEncodingStrategy = .iso8601
        for event in events {
            switch format {
            case .jsonl:
                print(TerminalSafe.json(String(decoding: try encoder.encode(event), as: UTF8.self)))
            case .table:
                let at = ISO8601DateFormatter().string(from: event.at)
                let actor = TerminalSafe.line(event.actor).padding(toLength: max(10, event.actor.count), withPad: " ", startingAt: 0)
                print("\(String(event.seq).padding(toLength: 7, withPad: " ", startingAt: 0)) \(at)  \(actor) \(TerminalSafe.line(AuditLine.describe(event.change)))")
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
        case .approved(let id, let revision, let at): "approved \(id) r\(revision)\(at.map { " for " + ISO8601DateFormatter().string(from: $0) } ?? "")"
        case .sentBack(let id, let rule, let reason): "SENT BACK \(id) [\(rule)]: \(reason)"
        case .changesRequested(let id, let revision, let comment): "asked for changes to \(id) r\(revision): \(comment)"
        case .rejected(let id, let revision, let reason): "rejected \(id) r\(revision): \(reason)"
        case .noted(let id, _): "noted \(id) (internal)"
        case .replyDrafted(let draft, let direct): "replied to \(draft.inReplyTo ?? "?") as \(draft.id)\(direct ? " (direct)" : " (for approval)")"
        case .reverted(let id, let from, let to, let seq): "undid #\(seq) on \(id): \(from.rawValue) → \(to.rawValue)"
        case .scheduled(let id, let at): "scheduled \(id) for \(at.map { ISO8601DateFormatter().string(from: $0) } ?? "when approved")"
        case .expired(let id): "expired \(id)"
        case .attached(let id, let images): "attached \(images.count) image(s) to \(id)"
        case .published(let id, let files): "published \(id): \(files.joined(separator: ", "))"
        case .withdrawn(let id): "withdrew \(id) from review"
        case .held(let id): "held \(id) back into the queue"
        case .channelsChanged(let id, let channels): "channels of \(id) now \(channels.map(\.rawValue).joined(separator: ","))"
        case .refused(let command, let rule, let reason): "REFUSED \(command) [\(rule)]: \(reason)"
        case .unknown(let type): "unknown change '\(type)' (written by a newer Earshot; kept as written)"
        case .deliveryStarted(let id, let channel, let key): "sending \(id) to \(channel.displayName) (key \(key))"
        case .delivered(let id, let channel, let pid, let url): "DELIVERED \(id) to \(channel.displayName) as \(pid)\(url.map { " " + $0 } ?? "")"
        case .deliveryFailed(let id, let channel, let reason, let retry, let next):
            "DELIVERY FAILED \(id) on \(channel.displayName): \(reason)" + (retry ? "; next try " + (next.map { ISO8601DateFormatter().string(from: $0) } ?? "next run") : "; will not retry")
        case .deliveryRetried(let id, let channel): "asked to retry \(id) on \(channel.displayName)"
        case .deliveryWithdrawn(let id, let channel): "withdrew \(id) from \(channel.displayName) before delivery"
        case .removalRequested(let id, let channel): "asked to delete \(id) from \(channel.displayName)"
        case .removed(let id, let channel): "DELETED \(id) from \(channel.displayName)"
        case .migrated(let from, let to, let backup): "migrated the store from format \(from) to \(to); old files kept in \(backup)"
        }
    }
}
