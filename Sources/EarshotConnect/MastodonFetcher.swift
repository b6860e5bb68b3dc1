import EarshotCore
import EarshotIngest
import Foundation

/// Mentions, quotes and edits from `GET /api/v1/notifications`, paged forwards with
/// `min_id`, filtered ones included; parents fetched from the status context.
struct MastodonFetcher: Fetcher {
    func auth(_ c: FetchContext) throws -> [String: String] { ["Authorization": "Bearer \(try c.secret())"] }

    func test(_ c: FetchContext) throws -> String {
        let r = try c.get("/api/v1/accounts/verify_credentials", headers: try auth(c))
        let me = try JSONDecoder().decode(Mastodon.Account.self, from: r.body)
        return "@\(me.acct)"
    }

    func run(_ c: FetchContext) throws {
        let headers = try auth(c)
        let own = try c.account.login ?? test(c).dropFirst().description
        var cursor = c.state.cursor ?? "0"
        while true {
            var query = Mastodon.types.map { ("types[]", $0) }
            query += [("include_filtered", "true"), ("limit", "40"), ("min_id", cursor)]
            let response = try c.get("/api/v1/notifications", query, headers: headers)
            let page = try Mastodon.notifications(response.body)
            if page.isEmpty { return }
            var arrivals = Mastodon.arrivals(page, ownAcct: own)
            arrivals += try parents(of: arrivals, c, headers: headers, own: own)
            var next = cursor
            for n in page where newer(n.id, than: next) { next = n.id }
            if let linked = Mastodon.prevMinID(linkHeader: response.header("link")), newer(linked, than: next) { next = linked }
            try c.deliver(arrivals, next)
            guard next != cursor else { return }
            cursor = next
        }
    }

    /// The thread above a reply whose parent Earshot has not seen.
    func parents(of arrivals: [Arrival], _ c: FetchContext, headers: [String: String], own: String) throws -> [Arrival] {
        let here = Set(arrivals.map(\.platformID))
        var fetched: [Arrival] = []
        var asked = Set<String>()
        for a in arrivals {
            guard let parent = a.inReplyTo, !here.contains(parent), !asked.contains(a.platformID),
                  !c.isKnown(ArrivalKey(.mastodon, parent)), a.editOf == nil else { continue }
            asked.insert(a.platformID)
            let r = try c.get("/api/v1/statuses/\(a.platformID)/context", headers: headers)
            let context = try Mastodon.context(r.body)
            fetched += context.ancestors.map { Mastodon.arrival($0, ownAcct: own) }
        }
        return fetched
    }
}
