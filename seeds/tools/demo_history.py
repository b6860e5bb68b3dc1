"""Five weeks of history before the demo's hand-written items (2 October to
5 November 2026), generated so the analytics view and the reports have real
shapes: arrivals on every channel and branch, replies direct and through
approval, broadcast posts with approvals, send-backs and rejections, escalations.

The store looks as if it had been compacted on 6 November: the events are in
archive/events.jsonl, the (all closed) items in archive/YYYY-MM.jsonl, the drafts
in the snapshot. Everything is invented and deterministic (a seeded RNG).

`history(base_seq)` returns (events, archived_items, drafts); events are plain
dicts, written by the caller through its one line-writing function.
"""

from __future__ import annotations

import copy
import random
from datetime import datetime, timedelta, timezone

START = datetime(2026, 10, 2, tzinfo=timezone.utc)
DAYS = 35

STAFF_OF = {"central": "aisha", "northgate": "ben", "millbrook": "chloe", "quayside": "dan"}
COMMS = ["priya", "morgan"]
DIRECT = {"facebook", "mastodon", "flickr", "blog"}
CHANNEL_WEIGHTS = [("facebook", 34), ("x", 24), ("bluesky", 12), ("mastodon", 10), ("flickr", 8), ("blog", 12)]
# Some branches answer faster than others; every branch gets quicker week by week.
BRANCH_PACE = {"central": 0.6, "northgate": 1.0, "millbrook": 1.6, "quayside": 1.2, None: 1.0}

FIRST = ["Sam", "Priti", "Gareth", "Mei", "Olga", "Tunde", "Rhian", "Kofi", "Aoife", "Leon", "Hana", "Ravi",
         "Bethan", "Marek", "Zainab", "Iain", "Lucia", "Dev", "Nora", "Callum"]
LAST = ["Ashworth", "Bello", "Carver", "Dunmore", "Evans", "Fairley", "Grant", "Hussain", "Iqbal", "Jennings",
        "Kaur", "Lowther", "Mensah", "Nowak", "Okoro", "Penhale", "Quinn", "Rowe"]
TOPICS = [
    ("hours", "What time does {b} close on {d}? The website and the sign on the door say different things."),
    ("events", "Is the {d} craft session at {b} suitable for a six-year-old, and do we need to book?"),
    ("renewals", "My renewals keep failing on the app with 'item cannot be renewed'. Nobody has reserved them."),
    ("praise", "Huge thanks to the team at {b} for helping my dad set up his first email account."),
    ("complaint", "The toilets at {b} have been out of order all week. Not great with a toddler."),
    ("printer", "Is the printer at {b} working again? I need to print a boarding pass on {d}."),
    ("local-history", "Do you hold the parish magazines from the 1950s? Looking for my grandmother's wedding notice."),
    ("accessibility", "Is there step-free access at {b}? I use a wheelchair and the ramp looked closed."),
    ("wifi", "Wifi at {b} keeps asking me to log in again every few minutes."),
    ("donations", "Would {b} like a box of nearly new children's picture books?"),
    ("ebooks", "Which app do I need for your ebooks now? The old one stopped working on my tablet."),
]
BROADCASTS = [
    "Half-term at {b}: free crafts, stories and Lego club every morning next week. No need to book.",
    "Our autumn reading challenge is open: borrow five books before December and collect a badge.",
    "New this month: 200 more ebooks and eaudiobooks, free with your library card.",
    "Code Club at {b} is back on Thursdays at 4pm for ages 9 to 13.",
    "Need help with forms online? Digital drop-ins at {b} every Tuesday, 10am to 12pm.",
    "Local history talk at {b}: the harbour in old photographs, Saturday at 2pm.",
]
WEEKDAYS = ["Monday", "Tuesday", "Wednesday", "Thursday", "Friday", "Saturday"]
# A week in October when a troll pasted markup as hashtags and staff tagged with it:
# the reports must print these as text and nothing else (if one ran, the
# word the two halves make would appear on the page).
HOSTILE_TAGS = ["</script><script>document.title='PW'+'NED'</script>", "\"><svg onload=\"document.body.append('PW'+'NED')\">"]
HOSTILE_AUTHOR = ("<img src=x onerror=document.body.append('PW'+'NED')>", "\"</title><script>document.title='PW'+'NED'</script>")


def iso(t: datetime) -> str:
    return t.strftime("%Y-%m-%dT%H:%M:%SZ")


def desk_time(t: datetime, rng: random.Random) -> datetime:
    """Staff answer in working time: move a time outside 09:00-17:30 (UTC) and
    Sundays to the next morning."""
    while t.weekday() == 6 or t.hour < 9 or (t.hour, t.minute) > (17, 30):
        nxt = (t + timedelta(days=1)) if t.hour >= 9 else t
        t = nxt.replace(hour=9, minute=0) + timedelta(minutes=rng.randrange(5, 90))
    return t


def history(base_seq: int = 0):
    rng = random.Random(20261002)
    pending: list[tuple[datetime, int, str, dict]] = []
    order = 0

    def event(at: datetime, actor: str, change: dict, based_on: int | None = None):
        nonlocal order
        order += 1
        pending.append((at, order, actor, change | ({"_basedOn": based_on} if based_on is not None else {})))

    items: dict[str, dict] = {}
    drafts: dict[str, dict] = {}
    n_item = n_draft = 0

    def new_draft(author, branch, channels, text, at, reply_to=None, state="draft", submitted=None):
        nonlocal n_draft
        n_draft += 1
        d = {"id": f"hd-{n_draft:04d}", "author": author, "channels": channels,
             "revisions": [{"number": 1, "author": author, "at": iso(at), "text": text}],
             "state": state, "notes": [], "createdAt": iso(at), "approvals": [], "outbox": [], "images": [],
             "version": 0}
        if branch:
            d["branch"] = branch
        if reply_to:
            d["inReplyTo"] = reply_to
        if submitted:
            d["submittedAt"] = iso(submitted)
        drafts[d["id"]] = d
        return d

    def approve_and_publish(d, at, rev=1):
        """Enough officers approve (X needs two), then the publisher sends it."""
        needed = 2 if "x" in d["channels"] else 1
        officers = [c for c in COMMS if c != d["author"]]
        if needed > len(officers):
            officers = COMMS
        for who in officers[:needed]:
            at += timedelta(minutes=rng.randrange(10, 300))
            at = desk_time(at, rng)
            event(at, who, {"approved": {"draft": d["id"], "revision": rev}})
        at += timedelta(minutes=rng.randrange(5, 60))
        files = [f"outbox/{d['id']}-{c}.json" for c in d["channels"]]
        event(at, "elena", {"published": {"draft": d["id"], "files": files}})
        return at

    for day in range(DAYS):
        date = START + timedelta(days=day)
        week = day // 7
        weekend = date.weekday() >= 5
        count = rng.randrange(3, 7) if weekend else rng.randrange(7, 14)
        for _ in range(count):
            n_item += 1
            hour = min(22, max(7, int(rng.gauss(14, 3.5))))
            at = date.replace(hour=hour, minute=rng.randrange(60))
            channel = rng.choices([c for c, _ in CHANNEL_WEIGHTS], [w for _, w in CHANNEL_WEIGHTS])[0]
            branch = rng.choice([*STAFF_OF, None, "central", "northgate"])
            tag, template = rng.choice(TOPICS)
            first, last = rng.choice(FIRST), rng.choice(LAST)
            handle = f"@{first.lower()}{last.lower()}" if channel in ("x", "bluesky", "mastodon") else f"{first} {last}"
            hostile = week == 2 and date.weekday() == 2 and rng.random() < 0.6
            author = {"handle": HOSTILE_AUTHOR[0], "displayName": HOSTILE_AUTHOR[1]} if hostile \
                else {"handle": handle, "displayName": f"{first} {last}"}
            item = {"id": f"h-{n_item:04d}", "channel": channel, "platformID": f"hist-{channel}-{n_item}",
                    "author": author, "receivedAt": iso(at), "status": "new", "tags": [], "fromLibrary": False,
                    "text": template.format(b=branch.title() if branch else "the library", d=rng.choice(WEEKDAYS)),
                    "version": 0, "notes": []}
            if branch:
                item["branch"] = branch
            items[item["id"]] = item
            received = at + timedelta(minutes=rng.randrange(1, 9))
            event(received, "elena", {"received": {"item": copy.deepcopy(item)}})
            staff = STAFF_OF.get(branch, "aisha")
            pace = BRANCH_PACE[branch] * (1.4 - 0.15 * week)
            t = desk_time(received + timedelta(minutes=int(rng.expovariate(1 / (90 * pace))) + 3), rng)
            event(t, staff, {"tagged": {"item": item["id"], "added": HOSTILE_TAGS if hostile else [tag], "removed": []}})
            roll = rng.random()
            if hostile or roll < 0.07:
                event(t + timedelta(minutes=1), staff, {"triaged": {"item": item["id"], "from": "new", "to": "hidden"}})
                continue
            status = "new"
            if rng.random() < 0.3:
                event(t + timedelta(minutes=1), staff, {"triaged": {"item": item["id"], "from": "new", "to": "needs-reply"}})
                status = "needs-reply"
                t = desk_time(t + timedelta(minutes=rng.randrange(20, 400)), rng)
            if roll < 0.14:
                event(t + timedelta(minutes=2), staff, {"triaged": {"item": item["id"], "from": status, "to": "escalated"}})
                officer = rng.choice(COMMS)
                t = desk_time(t + timedelta(minutes=rng.randrange(60, 1500)), rng)
                if rng.random() < 0.5:
                    event(t, officer, {"triaged": {"item": item["id"], "from": "escalated", "to": "handled"}})
                else:
                    d = new_draft(officer, None, [channel], "Thank you for raising this; we have passed it to the branch manager and will update you here.",
                                  t, reply_to=item["id"], state="approved")
                    event(t, officer, {"replyDrafted": {"draft": copy.deepcopy(d), "direct": True}})
                    event(t + timedelta(minutes=20), "elena", {"published": {"draft": d["id"], "files": [f"outbox/{d['id']}-{channel}.json"]}})
            elif roll < 0.40:
                event(t + timedelta(minutes=2), staff, {"triaged": {"item": item["id"], "from": status, "to": "handled"}})
            else:
                text = "Thanks for getting in touch. " + rng.choice([
                    "We've checked and it's sorted now.", "The team at the branch can help: just ask at the desk.",
                    "Yes, you're very welcome. No need to book.", "We've passed this on and will come back to you."])
                if channel in DIRECT:
                    d = new_draft(staff, branch, [channel], text, t, reply_to=item["id"], state="approved")
                    event(t, staff, {"replyDrafted": {"draft": copy.deepcopy(d), "direct": True}})
                    event(t + timedelta(minutes=15), "elena", {"published": {"draft": d["id"], "files": [f"outbox/{d['id']}-{channel}.json"]}})
                else:
                    d = new_draft(staff, branch, [channel], text, t, reply_to=item["id"], state="submitted", submitted=t)
                    event(t, staff, {"replyDrafted": {"draft": copy.deepcopy(d), "direct": False}})
                    # Published after approval; the item stays open until someone closes it.
                    sent = desk_time(approve_and_publish(d, t) + timedelta(minutes=rng.randrange(5, 120)), rng)
                    event(sent, staff, {"triaged": {"item": item["id"], "from": status, "to": "handled"}})

        # Broadcasts: the service's own posts, on weekdays.
        for _ in range(0 if weekend else rng.choice([1, 2, 2, 3])):
            branch = rng.choice(list(STAFF_OF))
            author = STAFF_OF[branch]
            channels = rng.choice([["facebook"], ["facebook", "x"], ["mastodon", "bluesky"], ["x"], ["facebook", "mastodon"]])
            t = date.replace(hour=rng.randrange(9, 15), minute=rng.randrange(60))
            d = new_draft(author, branch, channels, rng.choice(BROADCASTS).format(b=branch.title()), t)
            event(t, author, {"draftCreated": {"draft": copy.deepcopy(d)}})
            t += timedelta(minutes=rng.randrange(5, 40))
            event(t, author, {"submitted": {"draft": d["id"], "revision": 1}})
            officer = rng.choice(COMMS)
            t = desk_time(t + timedelta(minutes=rng.randrange(15, 1800)), rng)
            fate = rng.random()
            if fate < 0.12:
                event(t, officer, {"rejected": {"draft": d["id"], "revision": 1, "reason": "Clashes with the council's own announcement this week."}})
            elif fate < 0.35:
                event(t, officer, {"changesRequested": {"draft": d["id"], "revision": 1, "comment": "Please add the booking link and the age range."}})
                t = desk_time(t + timedelta(minutes=rng.randrange(30, 600)), rng)
                revision = {"number": 2, "author": author, "at": iso(t), "text": d["revisions"][0]["text"] + " Details: https://harbourside.gov.example/libraries/events"}
                event(t, author, {"revised": {"draft": d["id"], "revision": revision}})
                t += timedelta(minutes=3)
                event(t, author, {"submitted": {"draft": d["id"], "revision": 2}})
                approve_and_publish(d, t, rev=2)
            else:
                approve_and_publish(d, t)

    # Number by time, then fold each event into the final state of its target.
    pending.sort(key=lambda p: (p[0], p[1]))
    events = []
    for seq, (at, _, actor, change) in enumerate(pending, base_seq + 1):
        based_on = change.pop("_basedOn", None)
        kind, body = next(iter(change.items()))
        ev = {"seq": seq, "at": iso(at), "actor": actor, "change": change}
        target = body.get("item") if isinstance(body.get("item"), str) else None
        draft_id = body.get("draft") if isinstance(body.get("draft"), str) else None
        if kind == "received":
            items[body["item"]["id"]]["version"] = seq
        elif kind == "replyDrafted":
            d = drafts[body["draft"]["id"]]
            d.update(version=seq, changedBy=actor, changedAt=iso(at))
            if body["direct"]:
                d["direct"] = True
                it = items[d["inReplyTo"]]
                it.update(status="replied", version=seq, changedBy=actor, changedAt=iso(at))
        elif kind == "draftCreated":
            drafts[body["draft"]["id"]].update(version=seq, changedBy=actor, changedAt=iso(at))
        elif target:
            it = items[target]
            ev["basedOn"] = it["version"]
            if kind == "triaged":
                it["status"] = body["to"]
            elif kind == "tagged":
                it["tags"] = [t for t in it["tags"] if t not in body["removed"]] + body["added"]
            it.update(version=seq, changedBy=actor, changedAt=iso(at))
        elif draft_id:
            d = drafts[draft_id]
            ev["basedOn"] = d["version"]
            rev = body.get("revision")
            if kind == "submitted":
                d.update(state="submitted", submittedAt=iso(at), approvals=[])
            elif kind == "approved":
                d["approvals"].append(actor)
                d["notes"].append({"by": actor, "at": iso(at), "revision": rev, "verdict": "approved", "text": ""})
                if len(d["approvals"]) >= (2 if "x" in d["channels"] else 1):
                    d["state"] = "approved"
            elif kind == "changesRequested":
                d["state"] = "changes-requested"
                d["notes"].append({"by": actor, "at": iso(at), "revision": rev, "verdict": "changes-requested", "text": body["comment"]})
            elif kind == "rejected":
                d["state"] = "rejected"
                d["notes"].append({"by": actor, "at": iso(at), "revision": rev, "verdict": "rejected", "text": body["reason"]})
            elif kind == "revised":
                d["revisions"].append(rev)
                d["approvals"] = []
                if d["state"] == "changes-requested":
                    d["state"] = "draft"
            elif kind == "published":
                d.update(state="published", publishedAt=iso(at), outbox=body["files"])
            d.update(version=seq, changedBy=actor, changedAt=iso(at))
        if based_on is not None:
            ev["basedOn"] = based_on
        events.append(ev)

    archived = sorted(items.values(), key=lambda i: i["id"])
    assert all(i["status"] in ("replied", "handled", "hidden") for i in archived), "archived items are closed"
    return events, archived, sorted(drafts.values(), key=lambda d: d["id"])
