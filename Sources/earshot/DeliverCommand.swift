import ArgumentParser
import EarshotConnect
import EarshotCore
import EarshotStore
import Foundation

/// `earshot deliver`: sends what `earshot publish` released to the platforms.
/// A verb of its own, not part of publish: publish decides under the store's lock
/// and never waits on a network; deliver waits on platforms, retries, and needs the
/// accounts' secrets. Each can run on its own timer.
struct Deliver: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Send published posts to their channels' accounts, once each, and record where they landed."
    )

    @Option(name: .long, help: ArgumentHelp("The store directory.", valueName: "path"))
    var store: String?

    @Option(name: .long, help: ArgumentHelp("Only this account.", valueName: "name"))
    var account: String?

    @Option(name: .long, help: ArgumentHelp("Keep running, delivering every this many seconds.", valueName: "seconds"))
    var every: Int?

    @Option(name: .long, help: ArgumentHelp("Seconds to wait for a platform's answer.", valueName: "seconds"))
    var timeout: Int = 30

    @Option(name: .long, help: ArgumentHelp("Seconds before the first retry after an unclear failure (doubles each time, at most an hour).", valueName: "seconds"))
    var firstRetry: Int = 60

    @Option(name: .long, help: ArgumentHelp("First run only: deliver posts published from this time (ISO-8601, or 'now'); default a day back. Kept in deliver.json.", valueName: "time"))
    var from: String?

    func run() throws {
        let opened = try openStore(store)
        let now = Clock.forStore(demo: DemoCopy.recognise(opened.files.root))
        if let account { _ = try userError { try AccountBook(files: opened.files).account(account) } }
        var deliverer = Deliverer(store: opened, http: Polite(client: URLSessionClient(timeout: TimeInterval(max(1, timeout)))),
                                  firstRetry: TimeInterval(max(0, firstRetry)), only: account, clock: now)
        if let from {
            guard let date = from == "now" ? now() : ISO8601DateFormatter().date(from: from) else {
                throw UserError("--from '\(from)' is not a time; write now or 2026-11-27T09:00:00Z")
            }
            deliverer.from = date
        }
        var troubled = false
        repeat {
            let report: Deliverer.Report
            do { report = try deliverer.run() } catch { throw UserError("\(error)") }
            for line in report.delivered { say("delivered \(line)") }
            for line in report.failed { say("failed \(line)") }
            for line in report.waiting { say("waiting \(line)") }
            for line in report.problems { say("problem \(line)") }
            if report.delivered.isEmpty && report.failed.isEmpty && report.waiting.isEmpty && report.problems.isEmpty {
                say("nothing to deliver")
            }
            troubled = !report.failed.isEmpty || !report.problems.isEmpty
            if let every { Thread.sleep(forTimeInterval: TimeInterval(max(5, every))) }
        } while every != nil
        if troubled { throw ExitCode(1) }
    }

    private func userError<T>(_ body: () throws -> T) throws -> T {
        do { return try body() } catch { throw UserError("\(error)") }
    }
}
