import Foundation

/// How a batch of requests treats a refusal.
public enum BatchMode: Sendable {
    /// The first refusal stops the batch and nothing of it is applied (a sequence
    /// such as create-then-submit, or approve-for-a-time).
    case allOrNothing
    /// Each request stands alone (bulk triage, an import): refused ones are skipped.
    case each
}

/// What a batch comes to: the events to record, in order, and one answer per request.
/// Every store (files, memory) records `events` as one unit, or nothing.
public struct BatchDecision: Sendable {
    public var events: [Event]
    public var results: [Result<Event, Refusal>]
}

extension Rules {
    /// Decides `requests` in order, each on the state the earlier ones made. In
    /// `.allOrNothing` mode a refusal leaves only the refusal to record, and every
    /// request is answered with it. `prepare` lets a store adjust a request before
    /// it is judged (the file store keeps a giant comment's whole text aside).
    public static func decide(
        batch requests: [Request], in workspace: Workspace, at now: Date, mode: BatchMode,
        prepare: (Request) throws -> Request = { $0 }
    ) rethrows -> BatchDecision {
        // The copy happens on the first fold only, so a single request (a key press)
        // never copies the whole workspace.
        var scratch = workspace
        var decision = BatchDecision(events: [], results: [])
        for (index, original) in requests.enumerated() {
            let more = index < requests.count - 1
            let request = try prepare(original)
            switch decide(request, in: scratch, at: now) {
            case .success(let change):
                let event = Event(seq: scratch.seq + 1, at: now, actor: request.actor, basedOn: request.basedOn, change: change)
                if more { scratch.apply(event) }
                decision.events.append(event)
                decision.results.append(.success(event))
            case .failure(let refusal):
                let refused: (Int) -> Event = { seq in
                    Event(seq: seq, at: now, actor: request.actor, basedOn: request.basedOn,
                          change: .refused(command: request.command.summary, rule: refusal.rule, reason: refusal.message))
                }
                if mode == .allOrNothing {
                    return BatchDecision(events: [refused(workspace.seq + 1)],
                                         results: Array(repeating: .failure(refusal), count: requests.count))
                }
                let event = refused(scratch.seq + 1)
                if more { scratch.apply(event) }
                decision.events.append(event)
                decision.results.append(.failure(refusal))
            }
        }
        return decision
    }
}
