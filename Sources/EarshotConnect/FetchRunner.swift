import EarshotCore
import EarshotIngest
import EarshotStore
import Foundation

/// Runs one account's fetch against a store and records how it went in
/// `fetch/ACCOUNT.json` (cursor, last fetched, last error) for the console and admins.
public struct FetchRunner {
    public var store: Store
    public var book: AccountBook
    public var http: Polite
    public var clock: () -> Date

    public init(store: Store, http: Polite, clock: @escaping () -> Date = { Date() }) {
        self.store = store
        self.book = AccountBook(files: store.files)
        self.http = http
        self.clock = clock
    }

    public struct Outcome {
        public var account: String
        public var report: Ingestor.Report
        public var error: (any Error)?
    }

    /// One signed-in request; says who the account is, or throws why it does not work.
    public func test(_ account: Account) throws -> String {
        let state = (try? FetchState.load(store.files, account: account.name)) ?? FetchState()
        let context = FetchContext(account: account, http: http, book: book, state: state,
                                   isKnown: { _ in false }, deliver: { _, _ in })
        return try account.platform.fetcher.test(context)
    }

    /// Never throws for the account's own trouble: the error is recorded and returned.
    public func run(_ account: Account) -> Outcome {
        var total = Ingestor.Report()
        let files = store.files
        var state = (try? FetchState.load(files, account: account.name)) ?? FetchState()
        let ingestor = Ingestor(
            store: store, actor: account.actor, ownHandles: account.login.map { [$0] } ?? [],
            branch: account.branch, clock: clock)
        let archived = (try? ArchiveIndex(files: files).load()) ?? [:]
        let context = FetchContext(
            account: account, http: http, book: book, state: state,
            isKnown: { key in
                if store.workspace.items[ArrivalPlanner.itemID(key)] != nil { return true }
                if archived[key.channel.rawValue + "\u{1F}" + key.platformID] != nil { return true }
                return store.workspace.items.values.contains { $0.channel == key.channel && $0.platformID == key.platformID }
            },
            deliver: { arrivals, cursor in
                let report = try ingestor.take(arrivals)
                total.received += report.received
                total.known += report.known
                total.refused += report.refused
                total.ruleActions += report.ruleActions
                // Only now, with the items fsynced in the journal, may the cursor move.
                if let cursor {
                    state.cursor = cursor
                    try state.save(files, account: account.name)
                }
            })
        do {
            try account.platform.fetcher.run(context)
            state.lastFetched = clock()
            state.lastCount = total.received
            state.lastError = nil
            state.errorAt = nil
            try? state.save(files, account: account.name)
            return Outcome(account: account.name, report: total, error: nil)
        } catch {
            state.lastError = "\(error)"
            state.errorAt = clock()
            try? state.save(files, account: account.name)
            return Outcome(account: account.name, report: total, error: error)
        }
    }
}
