import ArgumentParser
import EarshotConnect
import EarshotCore
import EarshotStore
import Foundation

/// `earshot fetch`: brings in what each configured account has new, once or every N seconds.
struct Fetch: ParsableCommand {
    static let configuration = CommandConfiguration(
        abstract: "Fetch new comments and mentions for every account (or one), once or every N seconds."
    )

    @Option(name: .long, help: ArgumentHelp("The store directory.", valueName: "path"))
    var store: String?

    @Option(name: .long, help: ArgumentHelp("Only this account.", valueName: "name"))
    var account: String?

    @Option(name: .long, help: ArgumentHelp("Keep running, fetching every this many seconds.", valueName: "seconds"))
    var every: Int?

    func run() throws {
        let opened = try openStore(store)
        warnAboutRules(opened)
        let book = AccountBook(files: opened.files)
        let runner = FetchRunner(store: opened, http: Polite(client: URLSessionClient()))
        var failed = false
        repeat {
            let accounts: [Account]
            do {
                accounts = try account.map { [try book.account($0)] } ?? book.accounts()
            } catch {
                throw UserError("\(error)")
            }
            if accounts.isEmpty { throw UserError("no accounts yet; add one with `earshot accounts add`") }
            failed = false
            for acct in accounts {
                let outcome = runner.run(acct)
                sayReport("\(acct.name): ", outcome.report)
                if let error = outcome.error {
                    failed = true
                    say("\(acct.name): \(error)")
                }
            }
            opened.compactAfterTimerVerb()
            if let every {
                Thread.sleep(forTimeInterval: TimeInterval(max(10, every)))
                _ = try? opened.refresh()
            }
        } while every != nil
        if failed { throw ExitCode(1) }
    }
}
