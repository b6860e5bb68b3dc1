import EarshotCore
import Foundation
import Terminal

/// Writing posts: new ones for approval, and revisions of existing drafts.
extension AppState {
    mutating func startPost(editing draft: Draft?) -> [Effect] {
        guard focus == .drafts || draft == nil else { return [] }
        if let open = composer {
            // One unsent text at a time, so none is ever lost by starting another.
            composer?.menu = true
            mode = .compose
            message = StatusMessage("finish or discard what you are writing first (\(open.post == nil ? "a reply" : "a post"))", .info)
            return []
        }
        if let draft {
            guard draft.author == me.login || me.role == .comms else {
                message = StatusMessage("only the author or a comms officer can edit a draft", .refusal)
                return []
            }
            guard draft.state.isEditable else {
                message = StatusMessage("a \(draft.state.rawValue) draft cannot be edited", .refusal)
                return []
            }
            composer = Composer(item: "", text: draft.text, startedAt: now,
                                post: PostTarget(draft: draft.id, channels: draft.channels, images: draft.images))
        } else {
            let allowed = workspace.config.channelsAllowed(for: me)
            let channels = allowed.contains(.facebook) ? [Channel.facebook] : Array(allowed.prefix(1))
            composer = Composer(item: "", startedAt: now, post: PostTarget(draft: nil, channels: channels))
        }
        mode = .compose
        return []
    }

    /// Unique in the store: the journal sequence it will be created at, with its author.
    /// Two sessions creating at the same moment get a clear duplicate refusal, never a merge.
    var nextDraftID: String { "d-\(me.login)-\(workspace.seq + 1)" }

    /// The post composer's menu: submit, save as draft, channels.
    mutating func handlePostMenu(_ key: Key, _ c: inout Composer) -> [Effect]? {
        guard let post = c.post else { return nil }
        switch key {
        case .char("y"): return savePost(c, post, submit: true)
        case .char("s"): return savePost(c, post, submit: false)
        case .char("i"):
            composer = c
            mode = .prompt(Prompt(purpose: .image, label: "Image (path or URL | alt text): "))
            return []
        case .char("h"):
            guard post.draft == nil else {
                message = StatusMessage("channels are chosen when a post is first written", .info)
                return []
            }
            composer = c
            mode = .prompt(Prompt(purpose: .channels, label: "Channels: ",
                                  text: post.channels.map(\.rawValue).joined(separator: " ") + " ",
                                  candidates: workspace.config.channelsAllowed(for: me).map(\.rawValue)))
            return []
        default:
            return nil
        }
    }

    mutating func submitImage(_ text: String) -> [Effect] {
        mode = .compose
        let parts = text.split(separator: "|", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        guard let source = parts.first, !source.isEmpty else { return [] }
        let alt = parts.count > 1 && !parts[1].isEmpty ? parts[1] : nil
        composer?.post?.images.append(PostImage(source: source, altText: alt))
        if composer?.unsavedSince == nil { composer?.unsavedSince = now }
        message = StatusMessage(alt == nil ? "image added without alt text; people using screen readers will miss it" : "image added", alt == nil ? .warning : .info)
        return []
    }

    mutating func submitChannels(_ text: String) -> [Effect] {
        let names = text.split(separator: " ").map(String.init)
        let channels = names.compactMap(Channel.init(rawValue:))
        mode = .compose
        guard channels.count == names.count, !channels.isEmpty else {
            let bad = names.first { Channel(rawValue: $0) == nil } ?? ""
            message = StatusMessage(bad.isEmpty ? "name at least one channel" : "no channel '\(bad)'; try x facebook mastodon bluesky flickr blog", .refusal)
            return []
        }
        composer?.post?.channels = channels
        return []
    }

    /// New post: create (and submit). Existing draft: revise if changed (and submit when the author asks).
    private mutating func savePost(_ c: Composer, _ post: PostTarget, submit: Bool) -> [Effect] {
        let text = c.outgoing
        guard !text.isEmpty else {
            message = StatusMessage("the post is empty; e to write, x to discard", .info)
            return []
        }
        var requests: [Request] = []
        let id: String
        if let existing = post.draft, let draft = workspace.drafts[existing] {
            id = existing
            if text != draft.text { requests.append(Request(.revise(draft: id, text: text), by: me.login, basedOn: draft.version)) }
            if post.images != draft.images { requests.append(Request(.attach(draft: id, images: post.images), by: me.login)) }
            if submit, draft.author == me.login, draft.state == .draft || draft.state == .changesRequested {
                requests.append(Request(.submit(draft: id), by: me.login))
            }
        } else {
            id = nextDraftID
            requests.append(Request(.createDraft(id: id, channels: post.channels, text: text, inReplyTo: nil), by: me.login))
            if !post.images.isEmpty { requests.append(Request(.attach(draft: id, images: post.images), by: me.login)) }
            if submit { requests.append(Request(.submit(draft: id), by: me.login)) }
        }
        guard !requests.isEmpty else {
            composer = nil
            mode = .normal
            message = StatusMessage("nothing changed", .info)
            return [.clearWork]
        }
        composer = c
        return [.send(requests)]
    }

    /// Once the store took the post, the composer closes.
    mutating func afterPost(_ answers: [Answer]) -> [Effect] {
        guard composer?.post != nil, !answers.isEmpty else { return [] }
        let touchesPost = answers.contains {
            switch $0.request.command {
            case .createDraft, .revise, .submit, .attach: true
            default: false
            }
        }
        guard touchesPost else { return [] }
        if answers.allSatisfy({ if case .success = $0.result { true } else { false } }) {
            composer = nil
            mode = .normal
            focus = .drafts
            return [.clearWork]
        }
        // A refusal keeps every word; a new draft that was created stays known.
        for answer in answers {
            if case .success(let event) = answer.result, case .draftCreated(let draft) = event.change {
                composer?.post?.draft = draft.id
            }
        }
        composer?.menu = true
        mode = .compose
        return []
    }
}
