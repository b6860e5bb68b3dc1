import ArgumentParser
import EarshotConnect
import EarshotCore
import EarshotIngest
import EarshotStore
import Foundation
import Terminal

/// Prints a line that may carry text from outside, neutralised for the terminal.
func say(_ text: String) { print(Sanitizer.clean(text)) }

/// The file store itself, for verbs about its files (accounts, fetch cursors, the outbox).
func openStore(_ flag: String?) throws -> Store {
    let location = StoreSetup.location(flag: flag, environment: ProcessInfo.processInfo.environment)
    do { return try Store(at: location.url) } catch { throw UserError("\(error)") }
}

/// The store as the domain verbs see it: through `StoreBackend`, whatever keeps it.
func openBackend(_ flag: String?) throws -> any StoreBackend {
    let location = StoreSetup.location(flag: flag, environment: ProcessInfo.processInfo.environment)
    return try openBackend(at: location.url)
}

func openBackend(at root: URL) throws -> any StoreBackend {
    do { return try StoreBackends.open(at: root) } catch { throw UserError("\(error)") }
}

/// Arrival rules that cannot run are named before anything arrives (they would do nothing).
func warnAboutRules(_ store: any StoreSession) {
    let ws = store.workspace
    for rule in ws.config.arrivalRules ?? [] {
        for problem in rule.problems(in: ws.config, staff: ws.staff) { say("store.json arrivalRules: \(problem)") }
    }
}

func sayReport(_ prefix: String, _ r: Ingestor.Report) {
    var line = "\(prefix)\(r.received) new, \(r.known) already known"
    if r.ruleActions > 0 { line += ", \(r.ruleActions) rule action(s)" }
    if !r.refused.isEmpty { line += ", \(r.refused.count) refused" }
    say(line)
    for reason in r.refused.prefix(20) { say("  refused: \(reason)") }
}

/// `earshot receive`: JSON Lines on standard input, for any script or platform.
struct Receive: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Take comments as JSON Lines on standard input (schema in the README); bad lines are reported and skipped.",
        discussion: """
            One object per line: {"channel":"mastodon","id":"…","handle":"@jo@example.social","name":"Jo",
            "text":"…","time":"2026-11-27T10:00:00Z","inReplyTo":"…","url":"…","branch":"central"}.
            channel, id, handle, text and time are required. The whole batch is appended with one fsync.
            Exit status 1 when any line was skipped.
            """
    )

    @Option(name: .long, help: ArgumentHelp("The store directory.", valueName: "path"))
    var store: String?

    @Option(name: .long, help: ArgumentHelp("Branch for lines that name none.", valueName: "id"))
    var branch: String?

    func run() throws {
        let opened = try openBackend(store)
        warnAboutRules(opened)
        let data = FileHandle.standardInput.readDataToEndOfFile()
        let (arrivals, problems) = JSONLines.parse(data)
        for problem in problems { say("skipped \(problem)") }
        let report: Ingestor.Report
        do {
            report = try Ingestor(store: opened, actor: "receive", branch: branch).take(arrivals)
        } catch {
            throw UserError("nothing was appended: \(error)")
        }
        sayReport("received: ", report)
        if !problems.isEmpty { throw ExitCode(1) }
    }
}
