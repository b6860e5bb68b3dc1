import ArgumentParser
import EarshotConsole
import EarshotCore
import EarshotStore
import Foundation
import Terminal

/// `earshot report`: the analytics figures for a meeting or an email.
struct ReportVerb: ParsableCommand {
    static let configuration = CommandConfiguration(
        commandName: "report",
        abstract: "Write the analytics figures for a period as Markdown, CSV or a printable HTML page.",
        discussion: """
            Days are whole days in the store's time zone, --since and --until both included. \
            Scope is the whole service unless --branch or --channel names one. \
            CSV is one table per metric; with -o naming an existing directory, one file per table.
            """
    )

    @Option(name: .long, help: ArgumentHelp("The store directory.", valueName: "path"))
    var store: String?

    @Flag(name: .long, help: "Report on a fresh temporary copy of the bundled demo store.")
    var demo = false

    @Option(name: .long, help: ArgumentHelp("First day, YYYY-MM-DD.", valueName: "date"))
    var since: String

    @Option(name: .long, help: ArgumentHelp("Last day, YYYY-MM-DD (default: today).", valueName: "date"))
    var until: String?

    @Option(name: .long, help: ArgumentHelp("Only this branch (its id or name).", valueName: "branch"))
    var branch: String?

    @Option(name: .long, help: ArgumentHelp("Only this channel (x, facebook, mastodon, bluesky, flickr, blog).", valueName: "channel"))
    var channel: String?

    @Option(name: .long, help: "md, csv or html.")
    var format: String

    @Option(name: .shortAndLong, help: ArgumentHelp("Write to this file (or, for csv, this directory) instead of standard output.", valueName: "file"))
    var output: String?

    func run() throws {
        guard let kind = Report.Format(rawValue: format) else { throw UserError("--format '\(format)' is not md, csv or html") }
        let env = ProcessInfo.processInfo.environment
        var root = StoreSetup.location(flag: store, environment: env).url
        if demo {
            guard let seed = Resources.locate(environment: env).demoSeed else {
                throw UserError("Cannot find seeds/demo next to this earshot binary. Set EARSHOT_HOME to the Earshot checkout.")
            }
            root = try DemoCopy.make(from: seed)
        }
        defer { if demo { try? FileManager.default.removeItem(at: root) } }
        let opened = try openBackend(at: root)
        let ws = opened.workspace
        let now = Clock.forStore(demo: DemoCopy.recognise(root))()
        let period = try interval(ws.config, now: now)
        let report = Report(figures: Figures.compute(ws.ledger, config: ws.config, period: period, scope: try scope(ws.config), now: now),
                            config: ws.config, staff: ws.staff, generatedAt: now)
        try write(report, kind)
    }

    func interval(_ config: StoreConfig, now: Date) throws -> DateInterval {
        let calendar = config.calendar
        let last = until ?? Rollups.dayKey(now, calendar: calendar)
        for (flag, value) in [("--since", since), ("--until", last)] where PeriodChoice.day(value, calendar: calendar) == nil {
            throw UserError("\(flag) '\(value)' is not a day; write it like 2026-10-01")
        }
        guard let interval = PeriodChoice.range(from: since, to: last).interval(now: now, calendar: calendar) else {
            throw UserError("--since \(since) is after --until \(last); the first day comes first")
        }
        return interval
    }

    func scope(_ config: StoreConfig) throws -> Scope {
        switch (branch, channel) {
        case (.some, .some): throw UserError("give --branch or --channel, not both")
        case (let b?, nil):
            guard let found = config.branches.first(where: { $0.id == b || $0.name.lowercased() == b.lowercased() }) else {
                throw UserError("no branch '\(b)'; this store has \(config.branches.map(\.id).joined(separator: ", "))")
            }
            return .branch(found.id)
        case (nil, let c?):
            guard let found = Channel(rawValue: c.lowercased()) else {
                throw UserError("no channel '\(c)'; use one of \(Channel.allCases.map(\.rawValue).joined(separator: ", "))")
            }
            return .channel(found)
        case (nil, nil): return .service
        }
    }

    func write(_ report: Report, _ kind: Report.Format) throws {
        guard let output else {
            // A terminal never receives a control sequence from a report.
            print(Sanitizer.clean(report.render(kind)), terminator: "")
            return
        }
        let url = URL(fileURLWithPath: output)
        var isDirectory: ObjCBool = false
        do {
            if kind == .csv, FileManager.default.fileExists(atPath: url.path, isDirectory: &isDirectory), isDirectory.boolValue {
                for table in report.csvTables() {
                    try Data(table.text.utf8).write(to: url.appendingPathComponent("\(table.name).csv"), options: .atomic)
                }
                print("wrote \(report.csvTables().count) tables to \(Sanitizer.clean(url.path))")
            } else {
                try Data(report.render(kind).utf8).write(to: url, options: .atomic)
                print("wrote \(Sanitizer.clean(url.path))")
            }
        } catch {
            throw UserError("could not write \(output): \(error.localizedDescription); nothing else was changed")
        }
    }
}
