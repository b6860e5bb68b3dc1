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
                showRefusal("only the author or a comms officer can edit a draft")
                return []
            }
            guard draft.state.isEditable else {
                let way = switch draft.state {
                case .rejected: "; C copies it into a new draft"
                case .approved, .scheduled: me.role == .comms ? "; h holds it back first" : "; ask comms to hold it"
                default: ""
                }
                showRefusal("a \(draft.state.rawValue) draft cannot be edited\(way)")
                return []
            }
            composer = Composer(item: "", text: draft.text, startedAt: now,
                                post: PostTarget(draft: draft.id, channels: draft.channels, images: draft.images, scheduledFor: draft.scheduledFor))
            if let at = draft.scheduledFor, at <= now {
                message = StatusMessage("its time has passed: Esc, then t sets a new one (or clears it) before y submits", .warning)
            }
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

    /// The post composer's menu, by its keymap: every key of it is handled here, so
    /// nothing typed in the menu falls through to the reply menu or the panes.
    mutating func handlePostMenu(_ key: Key, _ c: inout Composer) -> [Effect]? {
        guard let post = c.post else { return nil }
        let action = keymap.bindings.first { $0.context == .postMenu && $0.keys.contains(key) }?.action
        switch action {
        case .postSubmit: return savePost(c, post, submit: true)
        case .postSave: return savePost(c, post, submit: false)
        case .postText:
            c.menu = false
            composer = c
        case .postImage:
            composer = c
            // The first image without alt text comes back ready to be given some.
            let fix = post.images.first { $0.altText == nil }.map { "\($0.source) | " } ?? ""
            mode = .prompt(Prompt(purpose: .image, label: "Image (path | alt text; -path removes): ", text: fix))
        case .postChannels:
            composer = c
            mode = .prompt(Prompt(purpose: .channels, label: "Channels: ",
                                  text: post.channels.map(\.rawValue).joined(separator: " ") + " ",
                                  candidates: workspace.config.channelsAllowed(for: me).map(\.rawValue)))
        case .postTime:
            composer = c
            let current = post.scheduledFor.map { Self.formatLocal($0, calendar: workspace.config.calendar) } ?? ""
            mode = .prompt(Prompt(purpose: .postTime, label: "Goes out at (YYYY-MM-DD HH:MM, empty: when approved): ", text: current))
        case .postFindings:
            let count = PostChecks.findings(for: c.outgoing, channels: post.channels, images: post.images,
                                            publishAt: post.scheduledFor ?? now, state: self).count
            c.findingsStart = c.findingsStart + PostChecks.page >= count ? 0 : c.findingsStart + PostChecks.page
            composer = c
        case .postClose:
            composer = c
            mode = .normal
            message = StatusMessage("post kept; r in the drafts pane reopens it", .info)
            return [.saveWork(workInProgress(c))]
        case .postDiscard:
            composer = nil
            mode = .normal
            message = StatusMessage(post.draft.map { "changes to \($0) discarded; the saved draft is as it was" } ?? "post discarded", .info)
            return [.clearWork]
        default:
            composer = c
        }
        return []
    }

    mutating func submitImage(_ text: String) -> [Effect] {
        mode = .compose
        let parts = text.split(separator: "|", maxSplits: 1).map { $0.trimmingCharacters(in: .whitespaces) }
        guard let source = parts.first, !source.isEmpty else { return [] }
        if composer?.unsavedSince == nil { composer?.unsavedSince = now }
        if source.hasPrefix("-") {
            let gone = String(source.dropFirst()).trimmingCharacters(in: .whitespaces)
            guard composer?.post?.images.contains(where: { $0.source == gone }) == true else {
                message = StatusMessage("no image \(gone) on this post", .refusal)
                return []
            }
            composer?.post?.images.removeAll { $0.source == gone }
            message = StatusMessage("image \(gone) removed", .info)
            return []
        }
        let alt = parts.count > 1 && !parts[1].isEmpty ? parts[1] : nil
        let image = PostImage(source: source, altText: alt)
        // The same path again fixes that image instead of adding a second copy.
        if let i = composer?.post?.images.firstIndex(where: { $0.source == source }) {
            composer?.post?.images[i] = image
        } else {
            composer?.post?.images.append(image)
        }
        message = StatusMessage(alt == nil ? "image without alt text; i with the same path adds it, -path removes the image" : "image \(source) has alt text", alt == nil ? .warning : .info)
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
            if post.channels != draft.channels { requests.append(Request(.setChannels(draft: id, channels: post.channels), by: me.login)) }
            if post.images != draft.images { requests.append(Request(.attach(draft: id, images: post.images), by: me.login)) }
            if post.scheduledFor != draft.scheduledFor { requests.append(Request(.schedule(draft: id, at: post.scheduledFor), by: me.login)) }
            if submit, draft.author == me.login, [.draft, .changesRequested, .expired].contains(draft.state) {
                requests.append(Request(.submit(draft: id), by: me.login))
            }
        } else {
            id = nextDraftID
            requests.append(Request(.createDraft(id: id, channels: post.channels, text: text, inReplyTo: nil), by: me.login))
            if !post.images.isEmpty { requests.append(Request(.attach(draft: id, images: post.images), by: me.login)) }
            if let at = post.scheduledFor { requests.append(Request(.schedule(draft: id, at: at), by: me.login)) }
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
            case .createDraft, .revise, .submit, .attach, .setChannels, .schedule: true
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
