#!/usr/bin/env python3
"""Builds the Earshot demo store in seeds/demo/ from the data in this file.

Harbourside Libraries is a fictional council library service; every name, post
and comment below is invented for the demo.

Usage:  python3 seeds/tools/build_demo.py [--check]
Writes store.json, staff.json, snapshot.json and journal.jsonl next to this
script's ../demo directory. The content is deterministic: running it twice gives
byte-identical files. --check only validates and prints the summary.

The snapshot is the state as of journal seq SNAPSHOT_SEQ (about 12:30Z on the anchor
day), after the generated history in archive/ (demo_history.py);
the journal then carries seq 41.. in the last three hours before the clock
anchor. Inbox items and drafts are written with symbolic keys and numbered here
by time, so inserting an item never means renumbering by hand.
"""

from __future__ import annotations

import hashlib
import json
import random
import sys
import unicodedata
from datetime import datetime, timedelta, timezone
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
import demo_history  # noqa: E402

ROOT = Path(__file__).resolve().parent.parent / "demo"

ANCHOR = "2026-11-27T15:30:00Z"
# Format version 2: every event line carries "prev", the SHA-256 of the line
# before it; the first line of the history (archive/events.jsonl) chains from GENESIS.
GENESIS = "0" * 64
# Generated weeks of history come first (seq 1..len); see demo_history.py. The
# snapshot covers exactly that history, and the journal goes on from it.
HISTORY_EVENTS, HISTORY_ITEMS, HISTORY_DRAFTS = demo_history.history()
SEQ_BASE = len(HISTORY_EVENTS)
SNAPSHOT_SEQ = SEQ_BASE
YEAR = 2026

# --------------------------------------------------------------------------
# Store settings and people
# --------------------------------------------------------------------------

BRANCHES = [
    ("central", "Central Library"),
    ("northgate", "Northgate Library"),
    ("millbrook", "Millbrook Library"),
    ("quayside", "Quayside Library"),
]

ACCOUNTS = {
    "x": "@harbourside_libs",
    "facebook": "Harbourside Libraries",
    "mastodon": "@libraries@harbourside.social",
    "bluesky": "@harbourside-libraries.bsky.social",
    "flickr": "harbourside_libraries",
    "blog": "Harbourside Libraries blog",
}

STAFF = [
    ("aisha", "Aisha Rahman", "staff", "central"),
    ("ben", "Ben Okafor", "staff", "northgate"),
    ("chloe", "Chloe Brennan", "staff", "millbrook"),
    ("dan", "Dan Whitlock", "staff", "quayside"),
    ("priya", "Priya Nair", "comms", None),
    ("morgan", "Morgan Ellis", "comms", None),
    ("elena", "Elena Kowalski", "admin", None),
]

CONSULT = "https://harbourside.gov.example/libraries/consultation"

# --------------------------------------------------------------------------
# Inbox items in the snapshot
#
# k: symbolic key; ch: channel; at: "MM-DDTHH:MM" (UTC = London time in
# November); who: (handle, displayName); st: status; by/chg: changedBy and
# changedAt; br: branch; tags; asg: assignee; re: key of the item it answers;
# lib: the library's own post.
# --------------------------------------------------------------------------

LIB_FB = (ACCOUNTS["facebook"], "Harbourside Libraries")

ITEMS = [
    # ---- week 1: 6-14 November, all closed by now -------------------------
    dict(k="wifi-central", ch="facebook", at="11-06T09:47", who=("Paul Henshaw", "Paul Henshaw"),
         text="Wifi at Central has been dropping out every ten minutes all morning. I'm trying to do an "
              "online job application and it keeps logging me out halfway through. Is anyone looking at it?",
         st="handled", by="aisha", chg="11-06T10:31", br="central", tags=["complaint", "wifi"]),
    dict(k="tide-tables", ch="x", at="11-06T16:22", who=("@ellie_pagewright", "Ellie Pagewright"),
         text="Shout out to the staff at Quayside who tracked down a 1970s tide table for my grandad's boat "
              "restoration. Above and beyond! @harbourside_libs",
         st="replied", by="dan", chg="11-06T17:05", br="quayside", tags=["praise"]),
    dict(k="sunday-revise", ch="bluesky", at="11-07T10:05", who=("@tomfinch.bsky.social", "Tom Finch"),
         text="@harbourside-libraries.bsky.social are any of your branches open on a Sunday? I need somewhere "
              "quiet to revise and home is not it.",
         st="replied", by="aisha", chg="11-09T09:12", tags=["hours"]),
    dict(k="dome-photo", ch="flickr", at="11-08T14:40", who=("brassmonkey_photo", "Lewis Carrow"),
         text="Gorgeous light through the dome in this one. Is the reading room ever open to photographers "
              "outside opening hours? I'd love to do a proper shoot with a tripod.",
         st="replied", by="aisha", chg="11-09T11:20", br="central", tags=["praise"]),
    dict(k="printer-northgate", ch="x", at="11-09T09:31", who=("@mrs_k_holloway", "Karen Holloway"),
         text="Third time this month the printer at Northgate is out of order. I need to print my council tax "
              "forms, not read a 'sorry' sign. @harbourside_libs",
         st="handled", by="ben", chg="11-09T12:44", br="northgate", tags=["complaint", "printer"]),
    dict(k="phone-renew", ch="facebook", at="11-09T11:58", who=("Dorothy Ashby", "Dorothy Ashby"),
         text="Can I renew my books over the phone? I don't use the app and my eyesight isn't good enough "
              "for the website any more.",
         st="replied", by="chloe", chg="11-09T14:10", tags=["renewals", "accessibility"]),
    dict(k="ratebook-cooper", ch="blog", at="11-09T20:14", who=("Frank Meadows", "Frank Meadows"),
         text="Fascinating piece. My great-grandfather appears in the 1893 Quayside rate book as a cooper on "
              "Rope Walk. Can the volumes be seen in person, or only on microfilm?",
         st="replied", by="dan", chg="11-10T10:05", br="quayside", tags=["local-history"]),
    dict(k="spam-btc", ch="x", at="11-10T03:17", who=("@btc_wealth_club", "Crypto Wealth Club"),
         text="\U0001F680 Turn \u00a3250 into \u00a325,000 in 7 days with our BTC arbitrage bot! Libraries are "
              "for the broke \U0001F602 DM 'GAINS' now \U0001F4B0\U0001F4B0",
         st="hidden", by="dan", chg="11-10T08:55", tags=["spam", "crypto"]),
    dict(k="storytime-book", ch="facebook", at="11-10T10:22", who=("Jade Kirkbride", "Jade Kirkbride"),
         text="Do we need to book for Tuesday story time at Millbrook or can we just turn up?",
         st="replied", by="chloe", chg="11-10T11:40", br="millbrook", tags=["events", "story-time"]),
    dict(k="book-donation", ch="facebook", at="11-11T13:05", who=("Graham Tully", "Graham Tully"),
         text="My late mother left around 300 books, mostly hardback fiction and a shelf of local history. "
              "Would any of your branches take them as a donation? I can drive them over in boxes.",
         st="replied", by="aisha", chg="11-11T15:20", tags=["donations"]),
    dict(k="quiet-study", ch="x", at="11-11T15:33", who=("@quietplease_pip", "Philippa Hart"),
         text="Is the 'quiet study' area at Central actually meant to be quiet? A group on a video call at "
              "full volume for an hour and nobody said a word. @harbourside_libs",
         st="handled", by="aisha", chg="11-11T16:10", br="central", tags=["complaint", "noise"]),
    dict(k="screenreader", ch="mastodon", at="11-11T17:48", who=("@kestrel@harbourside.social", "Sam Kestrel"),
         text="@libraries@harbourside.social is there a way to make the library ebook app work with a screen "
              "reader? The borrow button isn't labelled, so VoiceOver just says 'button'.",
         st="handled", by="aisha", chg="11-13T09:30", tags=["accessibility", "ebooks"]),
    dict(k="codeclub-age", ch="bluesky", at="11-12T16:50", who=("@imransheikh.bsky.social", "Imran Sheikh"),
         text="Is code club at Northgate OK for a 7 year old, or is it older kids only? He's obsessed with "
              "Scratch and keeps asking.",
         st="replied", by="ben", chg="11-13T10:02", br="northgate", tags=["events", "code-club"]),
    dict(k="welsh-books", ch="facebook", at="11-12T19:26", who=("Gwenllïan ap Rhys", "Gwenllïan ap Rhys"),
         text="Bore da! Oes gennych chi lyfrau Cymraeg i blant yn y Llyfrgell Ganolog? Mae fy merch yn dysgu "
              "darllen yn yr ysgol Gymraeg ac mae hi wrth ei bodd â straeon. Diolch yn fawr iawn!",
         st="replied", by="aisha", chg="11-13T11:45", br="central", tags=["stock", "languages"]),
    dict(k="spam-kindle", ch="facebook", at="11-12T22:40",
         who=("Harbourside Libraries Giveaway", "Harbourside Libraries Giveaway"),
         text="\U0001F389 CONGRATULATIONS \U0001F389 You have been selected to receive a FREE Kindle from "
              "Harbourside Libraries! Claim within 24 hours at harbourside-libs-prizes.example/claim before "
              "it goes to someone else!!",
         st="hidden", by="ben", chg="11-13T08:40", tags=["spam", "impersonation"]),
    dict(k="author-recorded", ch="x", at="11-13T12:14", who=("@bookishbea", "Bea Lindqvist"),
         text="Any chance the Helen Maddox talk at Central on 3 December will be recorded? I work Thursday "
              "evenings \U0001F629 @harbourside_libs",
         st="replied", by="aisha", chg="11-13T14:00", br="central", tags=["events", "author-talk"]),
    dict(k="appreciation", ch="mastodon", at="11-13T18:30", who=("@tidepool@fediverse.example", "Jo Amberley"),
         text="Small appreciation post for @libraries@harbourside.social: renewed everything online, got a "
              "reminder before anything went overdue, and the Quayside staff remembered my name. Public "
              "libraries are the best thing we have.",
         st="handled", by="dan", chg="11-16T09:15", br="quayside", tags=["praise"]),
    dict(k="locked-doors", ch="facebook", at="11-14T10:12", who=("Steve Barraclough", "Steve Barraclough"),
         text="Turned up at Millbrook at 10 and the doors were locked. Sign says 'closed due to unforeseen "
              "circumstances'. Would have been nice to know before I got two buses.",
         st="handled", by="chloe", chg="11-16T10:20", br="millbrook", tags=["complaint", "closure"]),
    # ---- week 2: 16-22 November --------------------------------------------
    dict(k="in-transit", ch="bluesky", at="11-16T09:02", who=("@annikaholm.bsky.social", "Annika Holm"),
         text="I reserved a book three weeks ago and it still says 'in transit'. How long does it usually take "
              "to get from Central to Quayside?",
         st="replied", by="dan", chg="11-16T11:30", br="quayside", tags=["reservations"]),
    dict(k="large-print", ch="blog", at="11-16T12:40", who=("Margaret Thornley", "Margaret Thornley"),
         text="Thank you for including The Salt Road in your autumn list; I'd never have picked it up "
              "otherwise. Could you do a list of large-print recommendations next time?",
         st="replied", by="chloe", chg="11-16T15:00", tags=["praise", "large-print"]),
    dict(k="colour-printer", ch="mastodon", at="11-16T14:25", who=("@lucas@mastodon.example", "Lucas Okonkwo-Reid"),
         text="@libraries@harbourside.social is the colour printer at Central fixed yet? Need to print posters "
              "for our street party on Saturday.",
         st="handled", by="aisha", chg="11-16T15:45", br="central", tags=["printer"]),
    dict(k="knit-newcomer", ch="facebook", at="11-17T10:35", who=("Brenda Wallace", "Brenda Wallace"),
         text="Is Knit & Natter at Quayside still on Wednesday afternoons? I'm new to the area and would love "
              "to join. Do I need to bring my own needles?",
         st="replied", by="dan", chg="11-17T12:05", br="quayside", tags=["events", "knit-natter"]),
    dict(k="polish-books", ch="facebook", at="11-17T13:50", who=("Agnieszka Zielińska", "Agnieszka Zielińska"),
         text="Dzień dobry! Czy w bibliotece Quayside są książki po polsku dla dzieci? Mój syn ma sześć lat i "
              "bardzo lubi czytać. Z góry dziękuję!",
         st="replied", by="dan", chg="11-18T10:40", br="quayside", tags=["stock", "languages"]),
    dict(k="wifi-loop", ch="x", at="11-17T16:05", who=("@ollie_b_dev", "Ollie Bramwell"),
         text="Northgate wifi login page loops back to the start every time I accept the terms. Tried three "
              "browsers. @harbourside_libs",
         st="handled", by="ben", chg="11-18T09:20", br="northgate", tags=["complaint", "wifi"]),
    dict(k="blocked-ramp", ch="x", at="11-18T10:48", who=("@wheelsandwords", "Nadia Petrakis"),
         text="Accessible entrance at Millbrook blocked by the returns trolleys two visits in a row. Had to "
              "wait in the rain until someone noticed me. Not OK. @harbourside_libs",
         st="escalated", by="chloe", chg="11-18T11:30", br="millbrook", asg="priya",
         tags=["accessibility", "complaint"]),
    dict(k="mural", ch="flickr", at="11-18T19:12", who=("tidewater_kat", "Kat Morrow"),
         text="Lovely to see the Quayside mural finished! My daughter painted the seagull in the bottom left "
              "corner and she's going to be so proud when she sees this photo.",
         st="handled", by="dan", chg="11-19T09:05", br="quayside", tags=["praise"]),
    dict(k="renew-blocked", ch="bluesky", at="11-18T21:03", who=("@marcusbell.bsky.social", "Marcus Bell"),
         text="@harbourside-libraries.bsky.social the website won't let me renew because an item is "
              "'reserved by another user', but it's the OTHER book I want to renew. Can you help?",
         st="needs-reply", by="aisha", chg="11-19T09:10", asg="aisha", tags=["renewals"]),
    dict(k="ebook-app", ch="x", at="11-19T12:20", who=("@gran_on_the_net", "Valerie Stubbs"),
         text="Which app do I need for library ebooks now? The old one has disappeared off my tablet. "
              "@harbourside_libs",
         st="replied", by="ben", chg="11-19T14:02", tags=["ebooks"]),
    # The heated thread: comments under the library's Facebook post about the
    # opening-hours consultation.
    dict(k="mb-1", ch="facebook", at="11-19T18:12", who=("Gareth Pryce", "Gareth Pryce"),
         text="Just read in the Courier that Millbrook could lose its Saturday opening from January. Saturday "
              "is the ONLY day I can take my two. Who actually decided this?",
         st="replied", by="priya", chg="11-19T19:06", br="millbrook", tags=["millbrook-hours"]),
    dict(k="mb-2", ch="facebook", at="11-19T18:40", re="mb-1", who=("Siân Morgan-Davies", "Siân Morgan-Davies"),
         text="Same here. Millbrook is the only library you can walk to from the estate. Cut the weekday "
              "mornings if you have to, not Saturdays.",
         st="handled", by="chloe", chg="11-20T09:15", br="millbrook", tags=["millbrook-hours"]),
    dict(k="mb-3", ch="facebook", at="11-19T19:05", re="mb-1", who=LIB_FB, lib=True,
         text="Thanks Gareth. Nothing has been decided yet: the council is consulting on opening hours at all "
              "four libraries until 18 December, and every response is read before councillors decide. You "
              f"can have your say at {CONSULT} or on a paper form at any branch.",
         st="handled", by="priya", chg="11-19T19:06", br="millbrook", tags=["millbrook-hours"]),
    dict(k="mb-4", ch="facebook", at="11-19T21:30", re="mb-3", who=("Derek Hollis", "Derek Hollis"),
         text="'Consulting' means it's already decided. Same as when they 'consulted' on the swimming baths. "
              "Absolute joke.",
         st="handled", by="priya", chg="11-20T09:40", br="millbrook", tags=["millbrook-hours"]),
    dict(k="mb-5", ch="facebook", at="11-20T08:15", re="mb-3", who=("Marta Wiśniewska", "Marta Wiśniewska"),
         text="Is there a paper form in Polish? My mother goes to Millbrook every Saturday for the Polish "
              "shelf and she would like to answer herself.",
         st="replied", by="chloe", chg="11-20T11:03", br="millbrook", tags=["millbrook-hours", "languages"]),
    dict(k="mb-6", ch="facebook", at="11-20T11:02", re="mb-5", who=LIB_FB, lib=True,
         text="Hi Marta, yes: the consultation form is available in Polish, Urdu and Arabic at every branch "
              "counter, and Millbrook staff are happy to help anyone fill it in. Dziękujemy!",
         st="handled", by="chloe", chg="11-20T11:03", br="millbrook", tags=["millbrook-hours"]),
    dict(k="french-group", ch="blog", at="11-20T15:30", who=("Renée Dubois", "Renée Dubois"),
         text="Will the French conversation group be back in the new year? Thursday evenings at Central were "
              "the highlight of my week. Merci !",
         st="needs-reply", by="aisha", chg="11-23T09:40", br="central", asg="central", tags=["events"]),
    dict(k="dino-roar", ch="x", at="11-21T11:15", who=("@laura_and_leo", "Laura Quinn"),
         text="Story time at Northgate this morning was brilliant \U0001F4DA\u2728 Leo hasn't stopped roaring "
              "like the dinosaur \U0001F996\U0001F996 Thank you Mr Okafor, you do a great T. rex! "
              "@harbourside_libs",
         st="replied", by="ben", chg="11-23T09:30", br="northgate", tags=["praise", "story-time"]),
    dict(k="mb-7", ch="facebook", at="11-21T22:47", re="mb-6", who=("Derek Hollis", "Derek Hollis"),
         text="Nice of you to answer the easy question. Still no answer on why senior pay went up while "
              "Millbrook loses Saturdays. Answer THAT. I'll be at the council meeting and so will a lot of "
              "other people.",
         st="escalated", by="chloe", chg="11-23T09:05", br="millbrook", asg="priya",
         tags=["millbrook-hours", "complaint"]),
    dict(k="spam-essays", ch="blog", at="11-22T04:12", who=("Best Essays UK", "Best Essays UK"),
         text="Great article, very informative!! Students struggling with coursework can get a 100% original "
              "essay from just \u00a39.99 at essay-ace-writers.example, use code LIBRARY for 20% off!!",
         st="hidden", by="aisha", chg="11-23T09:00", tags=["spam"]),
    # ---- the last week -----------------------------------------------------
    dict(k="printer-refund", ch="facebook", at="11-23T09:55", who=("Colin Ferris", "Colin Ferris"),
         text="The printer at Quayside swallowed \u00a32 and printed nothing. Staff said they can't refund cash "
              "from the machine. So that's it, I'm just out of pocket?",
         st="escalated", by="dan", chg="11-23T11:30", br="quayside", asg="morgan",
         tags=["complaint", "printer"]),
    dict(k="late-opening", ch="mastodon", at="11-23T12:30", who=("@ferrywoman@harbourside.social", "Helen Tarrant"),
         text="@libraries@harbourside.social what are Quayside's late opening days now? The website and the "
              "sign on the door disagree.",
         st="replied", by="dan", chg="11-23T14:20", br="quayside", tags=["hours"]),
    dict(k="codeclub-full", ch="facebook", at="11-23T17:45", who=("Priti Desai", "Priti Desai"),
         text="Code club at Northgate was full again, third week running we've been turned away at the door. "
              "Any chance of a second session?",
         st="needs-reply", by="ben", chg="11-24T09:15", br="northgate", asg="ben", tags=["events", "code-club"]),
    dict(k="leipzig", ch="bluesky", at="11-23T20:10", who=("@jbaecker.bsky.social", "Jürgen Bäcker"),
         text="Moved here from Leipzig in the summer. Got a library card in five minutes, and found three "
              "German novels on the shelf at Central. Is there a German reading group? Danke, Harbourside "
              "\U0001F64F",
         st="needs-reply", by="aisha", chg="11-24T10:00", br="central", asg="aisha", tags=["praise", "languages"]),
    dict(k="spam-airdrop", ch="mastodon", at="11-24T02:50",
         who=("@airdrop_official@mastodon.example", "ETH Airdrop Official"),
         text="\U0001F381 Claim your free 0.5 ETH airdrop! Verified library members only. Connect your wallet "
              "at eth-claim-rewards.example before midnight \u23F0",
         st="hidden", by="aisha", chg="11-24T09:05", tags=["spam", "crypto"]),
    dict(k="xmas-tree", ch="facebook", at="11-24T10:20", who=("Hannah Greaves", "Hannah Greaves"),
         text="Is Central open on Sundays in December? I'd like to bring the kids to see the Christmas tree in "
              "the atrium.",
         st="replied", by="aisha", chg="11-24T15:10", br="central", tags=["hours"]),
    dict(k="dock-photos", ch="blog", at="11-24T13:05", who=("Arthur Penhaligon", "Arthur Penhaligon"),
         text="Do you accept old photographs of Harbourside for the local studies collection? I have a box of "
              "my father's prints of the docks from the 1950s, all labelled on the back.",
         st="needs-reply", by="dan", chg="11-24T14:00", br="quayside", asg="dan", tags=["local-history"]),
    dict(k="drilling", ch="x", at="11-24T15:40", who=("@tariq_codes", "Tariq Aziz"),
         text="Northgate study room: drilling next door ALL afternoon. Any idea when the building work "
              "finishes? @harbourside_libs",
         st="needs-reply", by="ben", chg="11-24T16:30", br="northgate", asg="northgate", tags=["complaint", "noise"]),
    dict(k="japanese", ch="bluesky", at="11-24T19:45", who=("@haruka-t.bsky.social", "田中 遥 (Haruka Tanaka)"),
         text="はじめまして。ノースゲート図書館に、英語を勉強するための教材（CD付きの本など）はありますか？"
              "子どもと一緒に読める日本語の絵本もあれば教えてください。よろしくお願いします。",
         st="needs-reply", by="ben", chg="11-25T09:20", br="northgate", asg="ben", tags=["stock", "languages"]),
    dict(k="wool-appeal", ch="bluesky", at="11-25T09:40", who=("@purlgirl.bsky.social", "Fiona McAllister"),
         text="Knit & Natter at Quayside are making blankets for the neonatal unit. Could the library share a "
              "call for spare double-knit wool? \U0001F9F6",
         st="needs-reply", by="dan", chg="11-25T10:30", br="quayside", asg="dan", tags=["events", "knit-natter"]),
    dict(k="thursday-close", ch="x", at="11-25T11:05", who=("@shiftworker_sal", "Sally Brookes"),
         text="Why does Northgate close at 5 on Thursdays now? Some of us work 9 to 5. @harbourside_libs",
         st="new", br="northgate"),
    dict(k="mb-8", ch="facebook", at="11-25T12:20", re="mb-1", who=("Ruth Adeyemi", "Ruth Adeyemi"),
         text="Saturday morning is also when the homework club runs at Millbrook. Where are the kids supposed "
              "to go instead?",
         st="needs-reply", by="chloe", chg="11-25T13:00", br="millbrook", asg="chloe",
         tags=["millbrook-hours"]),
    dict(k="suggest-buy", ch="blog", at="11-25T14:30", who=("Zoë Fairbanks", "Zoë Fairbanks"),
         text="Is there a way to suggest books for the library to buy? There's a new Cornish-language picture "
              "book I'd love to see on the shelves.",
         st="new"),
    dict(k="wifi-homework", ch="facebook", at="11-25T16:10", who=("Ian Pollard", "Ian Pollard"),
         text="Wifi at Millbrook completely down this afternoon. The kids can't do homework club without it.",
         st="needs-reply", by="chloe", chg="11-25T16:40", br="millbrook", asg="millbrook", tags=["complaint", "wifi"]),
    dict(k="refit-photo", ch="flickr", at="11-25T20:15", who=("harbour_lights_77", "Dev Mistry"),
         text="Great shot of the old Northgate reading room before the refit. Do you have more photos from "
              "the 1980s in the archive?",
         st="new", br="northgate"),
    # The hostile one: a fake "account update" carrying terminal escapes and a
    # right-to-left override that would disguise the link.
    dict(k="hostile", ch="x", at="11-26T02:13", who=("@libr4ry_upd4te", "Library Account Update"),
         text="URGENT: your library card expires today \u001b]0;pwned\u0007\u001b[2J\u001b[31mVerify now"
              "\u001b[0m at \u202eelpmaxe.nigol-yrarbil//:sptth\u202c or lose all your loans! @harbourside_libs",
         st="new"),
    dict(k="audiobook-speed", ch="mastodon", at="11-26T08:50", who=("@kestrel@harbourside.social", "Sam Kestrel"),
         text="@libraries@harbourside.social follow-up: the app update fixed the borrow button, thank you! "
              "The audiobook player's speed control still isn't announced by VoiceOver though.",
         st="needs-reply", by="aisha", chg="11-26T09:30", asg="aisha", tags=["accessibility", "ebooks"]),
    dict(k="wrong-branch", ch="facebook", at="11-26T10:30", who=("Maureen O'Dowd", "Maureen O'Dowd"),
         text="Got a text saying my reservation is ready at Millbrook but I asked for it to go to Central. Can "
              "it be moved?",
         st="new", by="chloe", chg="11-26T11:00", br="millbrook", tags=["reservations"]),
    dict(k="talk-free", ch="bluesky", at="11-26T12:15", who=("@crimefictionkate.bsky.social", "Kate Ellery"),
         text="Is the Helen Maddox talk at Central free? Will there be books to buy and get signed?",
         st="new", br="central"),
    dict(k="email-help", ch="x", at="11-26T14:40", who=("@dockside_dave", "Dave Lund"),
         text="Millbrook staff helped my dad (82) set up his first email account today. Patient, kind, didn't "
              "rush him once. This is why the Saturday hours matter. @harbourside_libs",
         st="new", br="millbrook"),
    dict(k="digitised", ch="blog", at="11-26T17:05", who=("Owain Pritchard", "Owain Pritchard"),
         text="Diolch am y gwaith! Brilliant to see the 1890s rate books being looked after. Will the "
              "digitised volumes go on the council website?",
         st="new", br="quayside"),
    dict(k="writers-group", ch="mastodon", at="11-26T19:30", who=("@quill@fediverse.example", "Bartholomew Nkemelu"),
         text="@libraries@harbourside.social is the Harbourside Writers' Group still meeting at Central on "
              "Monday evenings? The events page only goes up to October.",
         st="new", br="central"),
    dict(k="spam-ipad", ch="bluesky", at="11-27T06:12",
         who=("@free-ipad-giveaway.bsky.social", "Library Rewards \U0001F381"),
         text="\U0001F4E2 The first 100 Harbourside library members to reply with their card number get a FREE "
              "iPad! \U0001F389 Don't miss out, offer ends tonight!",
         st="new"),
    dict(k="bus-pass", ch="facebook", at="11-27T08:20", who=("Eileen Cartwright", "Eileen Cartwright"),
         text="Just want to say thank you to Dan at Quayside who spent half an hour helping me renew my bus "
              "pass online. Lovely lad, nothing was too much trouble.",
         st="new", br="quayside"),
    dict(k="copier-jam", ch="facebook", at="11-27T09:05", who=("Sandra Pike", "Sandra Pike"),
         text="Central's photocopier is jammed again and there's a queue of six of us. Is anyone coming?",
         st="new", by="aisha", chg="11-27T09:20", br="central", tags=["complaint", "wifi"]),
    dict(k="xmas-storytime", ch="mastodon", at="11-27T09:40", who=("@smallhumans@fediverse.example", "Ayo Balogun"),
         text="@libraries@harbourside.social do you need to book for the Christmas story time at Millbrook on "
              "the 12th? Asking for a very excited four-year-old.",
         st="new", br="millbrook"),
    dict(k="xmas-hours", ch="facebook", at="11-27T10:12", who=("Pat Kinsella", "Pat Kinsella"),
         text="When are the Christmas and New Year opening hours going up? I need to plan around returning my "
              "books.",
         st="new"),
    dict(k="press", ch="x", at="11-27T10:48", who=("@harbourwatch", "Harbourside Watch"),
         text="We understand the council plans to end Saturday opening at Millbrook from January. Can "
              "@harbourside_libs confirm how many Saturday visitors would be affected? Publishing tonight.",
         st="escalated", by="chloe", chg="11-27T11:05", br="millbrook", asg="morgan",
         tags=["millbrook-hours", "press"]),
    dict(k="audiobook-wait", ch="bluesky", at="11-27T11:20", who=("@nightowl-nell.bsky.social", "Nell Harrington"),
         text="Any chance of more eaudiobook copies of The Lantern Keeper's Daughter? 14 week wait "
              "\U0001F605",
         st="new"),
    dict(k="codeclub-xmas", ch="x", at="11-27T11:55", who=("@stem_mum_jo", "Joanne Fairweather"),
         text="Is Northgate code club running over the Christmas holidays? @harbourside_libs",
         st="new", br="northgate"),
    dict(k="shelf-numbers", ch="blog", at="11-27T12:10", who=("Peter Vasquez-Lowe", "Peter Vasquez-Lowe"),
         text="Love these reading lists. Could you add a link to the catalogue for each book, so we can "
              "reserve straight from the post?",
         st="new"),
]

# Items that arrive through the journal (received events), after the snapshot.
RECEIVED = [
    dict(k="lost-card", ch="facebook", at="11-27T12:31", who=("Olu Bankole", "Olu Bankole"),
         text="Lost my library card on the bus. Can I still use the self-service machines with the app on my "
              "phone, or do I need a new card? Is there a charge?"),
    dict(k="batteries", ch="x", at="11-27T13:36", who=("@eco_ed", "Ed Marchetti"),
         text="Does Central still have somewhere to drop off old batteries and ink cartridges? There used to "
              "be a box by the door. @harbourside_libs", br="central"),
    dict(k="blanket-display", ch="mastodon", at="11-27T14:44", who=("@thimble@harbourside.social", "Ros Whitcombe"),
         text="@libraries@harbourside.social Knit & Natter crew here: could we display the neonatal blankets at "
              "Quayside before they go to the hospital? Is a display case free in December?", br="quayside"),
]

# --------------------------------------------------------------------------
# Drafts
# --------------------------------------------------------------------------

DRAFTS = [
    dict(k="ebooks", author="ben", channels=["x", "facebook", "bluesky"], state="published",
         revisions=[("ben", "11-17T14:00",
                     "New on our ebook and eaudiobook shelves this month: 120 titles, including the whole "
                     "Moorcroft Mysteries series and a collection of dyslexia-friendly reads. Borrow free with "
                     "your library card: https://harbourside.gov.example/libraries/ebooks")],
         submitted="11-17T14:30", notes=[("priya", "11-18T10:05", 1, "approved", "")],
         scheduled="11-23T09:30", published="11-23T09:30"),
    dict(k="amnesty", author="dan", channels=["x", "facebook"], state="rejected",
         revisions=[("dan", "11-18T15:10",
                     "Fines amnesty! \U0001F384 Bring anything overdue back to Quayside before Christmas and "
                     "we'll wipe the slate clean. No questions asked!")],
         submitted="11-18T15:12",
         notes=[("priya", "11-19T09:20", 1, "rejected",
                 "We can't announce a fines amnesty: it hasn't been agreed and needs a Cabinet decision "
                 "(10 December at the earliest). Please don't post anything about fines until corporate "
                 "comms confirms the scheme.")]),
    dict(k="training-day", author="chloe", channels=["facebook", "x", "mastodon", "bluesky"], state="scheduled",
         revisions=[("chloe", "11-20T10:00",
                     "Millbrook Library will be closed all day on Tuesday 1 December for staff training. "
                     "Central, Northgate and Quayside are open as usual and you can return books to any "
                     "branch. Renew online: https://harbourside.gov.example/libraries/renew")],
         submitted="11-20T10:20", notes=[("priya", "11-24T11:30", 1, "approved", ""),
                                         ("morgan", "11-24T15:05", 1, "approved", "")],
         scheduled="11-30T08:00"),
    dict(k="tree-reply", author="aisha", channels=["facebook"], state="published", reply_to="xmas-tree",
         revisions=[("aisha", "11-24T11:05",
                     "Hi Hannah, yes! Central is open 11am to 3pm on Sundays 6, 13 and 20 December. The tree "
                     "goes up in the atrium on 1 December, and there are carols around it at 1pm on the 13th. "
                     "See you there!")],
         submitted="11-24T11:10", notes=[("morgan", "11-24T14:50", 1, "approved", "")],
         published="11-24T15:10"),
    dict(k="codeclub", author="ben", channels=["facebook", "bluesky"], state="changes-requested",
         revisions=[("ben", "11-24T14:00",
                     "Good news: Code Club at Northgate is adding a second weekly session! Come and make games "
                     "and animations with Scratch on Monday afternoons. Ring the library to find out more.")],
         submitted="11-24T14:10",
         notes=[("priya", "11-25T10:40", 1, "changes-requested",
                 "Nice news, but please add the age range (8 to 12), the start time and the date of the first "
                 "session, and say that places must be booked: last term we had far more children than "
                 "laptops. Link to the booking page rather than 'ring the library'.")]),
    dict(k="winter-reading", author="aisha", channels=["facebook", "x", "bluesky", "mastodon"], state="approved",
         revisions=[("aisha", "11-24T16:00",
                     "Our Winter Reading Challenge starts on 1 December! Read any six books by 31 January "
                     "(novels, comics and audiobooks all count) and collect a badge at any Harbourside library. "
                     "Open to all ages: https://harbourside.gov.example/libraries/winter-reading")],
         submitted="11-25T09:15", notes=[("morgan", "11-26T11:20", 1, "approved", ""),
                                         ("priya", "11-26T14:45", 1, "approved", "")]),
    dict(k="homework-reply", author="chloe", channels=["facebook"], state="submitted", reply_to="mb-8",
         revisions=[("chloe", "11-25T14:10",
                     "Hi Ruth, thank you for raising this. Nothing has been decided yet. Homework club will "
                     "carry on as normal while the consultation is open."),
                    ("chloe", "11-25T16:40",
                     "Hi Ruth, thank you for raising this. Nothing has been decided yet: the proposals are out "
                     "for consultation until 18 December. Homework club at Millbrook runs on Saturday mornings "
                     "and its attendance figures are included in the consultation report, so councillors will "
                     f"see how many young people use it. Please add your views: {CONSULT}")],
         submitted="11-25T16:45"),
    dict(k="author-talk", author="aisha", channels=["x", "bluesky", "mastodon", "facebook"], state="submitted",
         revisions=[("aisha", "11-26T11:00",
                     "Crime writer Helen Maddox comes to Central Library on Thursday 3 December at 6.30pm to "
                     "talk about The Tide Tables, her new novel set on our own coastline. Free, but please "
                     "book."),
                    ("aisha", "11-27T09:50",
                     "Crime writer Helen Maddox is at Central Library on Thursday 3 December, 6.30pm, talking "
                     "about The Tide Tables, her new novel set on our coastline. Free; booking essential: "
                     "https://harbourside.gov.example/libraries/events/helen-maddox BSL interpreted, with signed "
                     "copies on sale.")],
         submitted="11-27T10:15"),
    dict(k="xmas-hours", author="ben", channels=["x", "facebook"], state="submitted",
         revisions=[("ben", "11-26T15:00",
                     "Christmas and New Year opening hours: all four Harbourside libraries close at 1pm on "
                     "Thursday 24 December and stay closed on 25, 26 and 28 December. From 29 to 31 December "
                     "Central and Quayside open 10am to 4pm, while Northgate and Millbrook stay closed. "
                     "Everyone reopens as usual on Saturday 2 January (closed 1 January). Loans due over the "
                     "holidays are automatically extended to 4 January, so there's no need to rush back. Full "
                     "details: https://harbourside.gov.example/libraries/christmas-hours")],
         submitted="11-26T16:40"),
    dict(k="lanterns", author="chloe", channels=["facebook"], state="draft",
         revisions=[("chloe", "11-26T15:30",
                     "February half-term craft session at Millbrook! Drop in on Tuesday 16 February, 10am to "
                     "12 noon, and make a paper lantern for the Winter Lights parade. All materials provided; "
                     "under-8s with a grown-up, please.")]),
    dict(k="knit-wool", author="dan", channels=["facebook", "mastodon", "bluesky"], state="draft",
         revisions=[("dan", "11-27T09:10",
                     "Calling all knitters! Quayside's Knit & Natter group is making blankets for the neonatal "
                     "unit. Spare wool welcome."),
                    ("dan", "11-27T09:35",
                     "Calling all knitters! \U0001F9F6 Quayside Library's Knit & Natter group is making blankets "
                     "for the neonatal unit at Harbourside General. If you have spare double-knit wool, please "
                     "drop it at the Quayside counter by 18 December. The group meets on Wednesdays, 2 to 4pm, "
                     "and everyone is welcome.")]),
    # Submitted for noon, not approved by then: back with its author, waiting for a new time.
    dict(k="book-sale", author="ben", channels=["facebook"], state="expired",
         revisions=[("ben", "11-27T09:20",
                     "Northgate's Friends group holds a book sale this Saturday, 10am to 1pm: paperbacks 50p, "
                     "hardbacks £1, and every penny goes to the children's library.")],
         submitted="11-27T09:25", scheduled="11-27T12:00",
         notes=[("elena", "11-27T12:05", 1, "expired",
                 "its scheduled time passed before it was approved; e, then t in the menu sets a new time; "
                 "y submits it again")]),
]

# --------------------------------------------------------------------------
# Journal: what happened in the last three hours before the anchor.
# (time, actor, kind, target key, payload)
# --------------------------------------------------------------------------

JOURNAL = [
    ("11-27T12:38", "elena", "received", "lost-card", {}),
    ("11-27T12:52", "aisha", "triaged", "xmas-hours", {"to": "needs-reply"}),
    ("11-27T12:53", "aisha", "assigned", "xmas-hours", {"to": "ben"}),
    ("11-27T13:10", "ben", "tagged", "codeclub-xmas", {"added": ["events", "code-club"], "removed": []}),
    ("11-27T13:41", "elena", "received", "batteries", {}),
    ("11-27T13:58", "chloe", "triaged", "spam-ipad", {"to": "hidden"}),
    ("11-27T13:59", "chloe", "tagged", "spam-ipad", {"added": ["spam"], "removed": []}),
    ("11-27T14:20", "morgan", "triaged", "press", {"to": "handled"}),
    ("11-27T14:31", "dan", "submitted", "D:knit-wool", {}),
    ("11-27T14:48", "elena", "received", "blanket-display", {}),
    ("11-27T15:02", "dan", "tagged", "blanket-display", {"added": ["events", "knit-natter"], "removed": []}),
    ("11-27T15:16", "aisha", "tagged", "copier-jam", {"added": ["printer"], "removed": ["wifi"]}),
    ("11-27T15:24", "aisha", "assigned", "copier-jam", {"to": "aisha"}),
]

# ==========================================================================
# Machinery
# ==========================================================================

OPEN = {"new", "needs-reply", "escalated"}
CLOSED = {"replied", "handled", "hidden"}


# Opening hours per branch, in the store's time zone; bank holidays closed.
WEEKDAYS = ["09:00-17:30"]
HOURS = {
    "central": {"weekly": {"mon": ["09:00-19:00"], "tue": ["09:00-19:00"], "wed": ["09:00-19:00"],
                           "thu": ["09:00-19:00"], "fri": ["09:00-17:00"], "sat": ["10:00-16:00"]},
                "closed": ["2026-12-25", "2026-12-26", "2027-01-01"]},
    "northgate": {"weekly": {d: WEEKDAYS for d in ["mon", "tue", "wed", "thu", "fri"]} | {"sat": ["10:00-13:00"]},
                  "closed": ["2026-12-25", "2026-12-26", "2027-01-01"]},
    "millbrook": {"weekly": {"mon": ["09:30-12:30", "13:30-17:00"], "wed": ["09:30-12:30", "13:30-17:00"],
                             "fri": ["09:30-12:30", "13:30-17:00"], "sat": ["10:00-12:00"]},
                  "closed": ["2026-12-25", "2026-12-26", "2027-01-01"]},
    "quayside": {"weekly": {d: ["10:00-18:00"] for d in ["tue", "wed", "thu", "fri", "sat"]},
                 "closed": ["2026-12-25", "2026-12-26", "2027-01-01"]},
}


def ts(short: str) -> str:
    """"11-27T15:30" -> "2026-11-27T15:30:00Z"."""
    return f"{YEAR}-{short}:00Z"


def dt(iso: str) -> datetime:
    return datetime.strptime(iso, "%Y-%m-%dT%H:%M:%SZ").replace(tzinfo=timezone.utc)


RNG = random.Random(20261127)
TID_ALPHABET = "234567abcdefghijklmnopqrstuvwxyz"
FB_THREAD_POST = "1184467203951226"


def platform_id(channel: str, at: datetime, key: str, thread: bool) -> str:
    ms = int(at.timestamp() * 1000) + RNG.randrange(0, 59_000)
    if channel == "x":  # snowflake
        return str(((ms - 1288834974657) << 22) | RNG.getrandbits(22))
    if channel == "mastodon":  # ms << 16 plus a sequence
        return str((ms << 16) | RNG.getrandbits(16))
    if channel == "bluesky":  # TID record key
        n = (ms * 1000 + RNG.randrange(1000)) << 10 | RNG.getrandbits(10)
        out = ""
        for _ in range(13):
            out = TID_ALPHABET[n & 31] + out
            n >>= 5
        return out
    if channel == "facebook":  # post_comment
        post = FB_THREAD_POST if thread else str(RNG.randrange(10**15, 10**16))
        return f"{post}_{RNG.randrange(10**14, 10**15)}"
    if channel == "flickr":  # photo-comment
        return f"{RNG.randrange(53_300_000_000, 53_400_000_000)}-72177720{RNG.randrange(10**8, 10**9)}"
    if channel == "blog":
        return f"wp-comment-{RNG.randrange(4000, 5200)}"
    raise ValueError(channel)


def escape_invisibles(text: str) -> str:
    """JSON text is written with ensure_ascii=False for readable accents and CJK;
    control and format characters (ESC, BEL, bidi overrides...) are escaped so the
    files show them as \\uXXXX rather than carrying them raw."""
    out = []
    for ch in text:
        if ord(ch) > 0x7E and unicodedata.category(ch) in ("Cc", "Cf", "Zl", "Zp"):
            out.append(f"\\u{ord(ch):04x}")
        else:
            out.append(ch)
    return "".join(out)


def dumps_pretty(obj) -> str:
    return escape_invisibles(json.dumps(obj, indent=2, sort_keys=True, ensure_ascii=False)) + "\n"


def dumps_line(obj) -> str:
    return escape_invisibles(json.dumps(obj, sort_keys=True, ensure_ascii=False, separators=(",", ":"))) + "\n"


def last_hash(text: str) -> str:
    """The head of a chained text: the hash of its last line."""
    return hashlib.sha256(text.rstrip("\n").rsplit("\n", 1)[-1].encode("utf-8")).hexdigest()


def chained_lines(events, head: str = GENESIS) -> str:
    """The journal as written: each line's "prev" is the hex SHA-256 of the exact
    UTF-8 bytes of the line before it (without its newline)."""
    out = []
    for event in events:
        line = dumps_line(dict(event, prev=head)).rstrip("\n")
        head = hashlib.sha256(line.encode("utf-8")).hexdigest()
        out.append(line + "\n")
    return "".join(out)


def x_length(text: str) -> int:
    """PostLength for X/Mastodon: links count 23, everything else by character."""
    total, word = 0, ""
    for ch in text + " ":
        if ch.isspace():
            if word:
                total += 23 if word.startswith(("http://", "https://")) else len(word)
                word = ""
            total += 1
        else:
            word += ch
    return total - 1


def length_for(text: str, channel: str) -> int:
    if channel in ("x", "mastodon"):
        return x_length(text)
    if channel == "facebook":
        return len(text.encode("utf-16-le")) // 2
    return len(text)


LIMITS = {"x": 280, "facebook": 63206, "mastodon": 500, "bluesky": 300, "flickr": 4096}


# The history as archive/events.jsonl holds it, and the head the snapshot records.
HISTORY_TEXT = chained_lines(HISTORY_EVENTS, GENESIS)
HISTORY_HEAD = last_hash(HISTORY_TEXT) if HISTORY_EVENTS else GENESIS


def arrival_rules():
    """Rules run on every arriving comment, in order (store.json arrivalRules):
    hide obvious spam, route by branch name or campaign hashtag, escalate what the
    press office must see. Each action is recorded as rule:NAME."""
    rules = [
        {"name": "spam-crypto", "when": "airdrop", "actions": ["tag:spam", "hide"]},
        {"name": "spam-bitcoin", "when": "btc", "actions": ["tag:spam", "hide"]},
        {"name": "spam-prize", "when": "congratulations selected", "actions": ["tag:spam", "hide"]},
        {"name": "spam-card-number", "when": "\"card number\"", "actions": ["tag:spam", "hide"]},
        {"name": "spam-essays", "when": "coursework", "actions": ["tag:spam", "hide"]},
    ]
    for branch_id, name in BRANCHES:
        word = name.split()[0].lower()
        rules.append({"name": f"route-{branch_id}", "when": f"{word} -tag:spam is:unassigned",
                      "actions": [f"assign:{branch_id}"]})
    rules += [
        {"name": "winter-reads", "when": "#winterreads", "actions": ["tag:winter-reading"]},
        {"name": "complaints", "when": "complain -tag:spam", "actions": ["tag:complaint", "escalate"]},
        {"name": "councillors", "when": "councillor -tag:spam", "actions": ["tag:councillor", "escalate"]},
        {"name": "saturday-opening", "when": "\"saturday opening\" -tag:spam", "actions": ["tag:consultation", "escalate"]},
    ]
    return rules


def build():
    problems: list[str] = []
    logins = {s[0]: s for s in STAFF}
    branch_ids = {b[0] for b in BRANCHES}

    # ---- items: number by time ---------------------------------------------
    all_items = [dict(d, journal=False) for d in ITEMS] + [dict(d, journal=True) for d in RECEIVED]
    all_items.sort(key=lambda d: d["at"])
    ids = {d["k"]: f"i-{n:04d}" for n, d in enumerate(all_items, 1)}
    assert len(ids) == len(all_items), "duplicate item keys"
    snap_items = [d for d in all_items if not d["journal"]]
    # Snapshot items come first in time; the journal's arrivals are the newest.
    assert max(d["at"] for d in snap_items) < min(d["at"] for d in RECEIVED)

    thread = {"mb-1"}
    for d in all_items:
        if d.get("re") in thread:
            thread.add(d["k"])

    records: dict[str, dict] = {}
    for d in all_items:
        rec = {
            "id": ids[d["k"]],
            "channel": d["ch"],
            "platformID": platform_id(d["ch"], dt(ts(d["at"])), d["k"], d["k"] in thread),
            "author": {"handle": d["who"][0], "displayName": d["who"][1]},
            "text": d["text"],
            "receivedAt": ts(d["at"]),
            "status": "new" if d["journal"] else d["st"],
            "tags": list(d.get("tags", [])) if not d["journal"] else [],
            "fromLibrary": bool(d.get("lib", False)),
            "version": 0,
        }
        if d.get("re"):
            rec["inReplyTo"] = ids[d["re"]]
        if d.get("br"):
            rec["branch"] = d["br"]
        if not d["journal"]:
            if d.get("asg"):
                rec["assignee"] = d["asg"]
            if d.get("by"):
                rec["changedBy"] = d["by"]
                rec["changedAt"] = ts(d["chg"])
        records[d["k"]] = rec

    # ---- drafts ------------------------------------------------------------
    DRAFTS_sorted = sorted(DRAFTS, key=lambda d: d["revisions"][0][1])
    draft_ids = {d["k"]: f"d-{n:04d}" for n, d in enumerate(DRAFTS_sorted, 1)}
    drafts: dict[str, dict] = {}
    for d in DRAFTS_sorted:
        author = d["author"]
        revs = [{"number": n, "author": a, "at": ts(at), "text": text}
                for n, (a, at, text) in enumerate(d["revisions"], 1)]
        notes = [{"by": by, "at": ts(at), "revision": r, "verdict": v, "text": t}
                 for by, at, r, v, t in d.get("notes", [])]
        rec = {
            "id": draft_ids[d["k"]],
            "author": author,
            "branch": logins[author][3],
            "channels": d["channels"],
            "revisions": revs,
            "state": d["state"],
            "notes": notes,
            "createdAt": revs[0]["at"],
            "version": 0,
        }
        if rec["branch"] is None:
            del rec["branch"]
        for field, key in (("submittedAt", "submitted"), ("scheduledFor", "scheduled"), ("publishedAt", "published")):
            if d.get(key):
                rec[field] = ts(d[key])
        if d.get("reply_to"):
            rec["inReplyTo"] = ids[d["reply_to"]]
        # The officers whose approval of the current revision stands (the gate counts them).
        if d["state"] in ("approved", "scheduled", "published"):
            current = len(revs)
            rec["approvals"] = list(dict.fromkeys(n["by"] for n in notes if n["verdict"] == "approved" and n["revision"] == current))
        # Who last changed it, and when: the latest of its history.
        history = [(r["at"], r["author"]) for r in revs]
        if "submittedAt" in rec:
            history.append((rec["submittedAt"], author))
        history += [(n["at"], n["by"]) for n in notes]
        if "publishedAt" in rec:
            history.append((rec["publishedAt"], notes[-1]["by"]))
        last = max(history)
        rec["changedAt"], rec["changedBy"] = last
        drafts[d["k"]] = rec

    # ---- versions: journal sequence of the last change, spread over 1..40 ---
    touched = [(r.get("changedAt", r["receivedAt"]), "i", k) for k, r in records.items()
               if k not in {d["k"] for d in RECEIVED}]
    touched += [(r["changedAt"], "d", k) for k, r in drafts.items()]
    touched.sort()
    for rank, (_, kind, k) in enumerate(touched):
        # The last 40 changes of the history stand for the seeded state's own.
        version = SEQ_BASE - 39 + rank * 40 // len(touched)
        (records if kind == "i" else drafts)[k]["version"] = version

    # ---- journal -----------------------------------------------------------
    state_items = {k: json.loads(json.dumps(v)) for k, v in records.items()
                   if k not in {d["k"] for d in RECEIVED}}
    state_drafts = {k: json.loads(json.dumps(v)) for k, v in drafts.items()}
    events = []
    seq = SNAPSHOT_SEQ
    last_at = None
    for at, actor, kind, target, payload in JOURNAL:
        seq += 1
        at_iso = ts(at)
        if last_at and at_iso < last_at:
            problems.append(f"journal seq {seq} goes back in time")
        last_at = at_iso
        if actor not in logins:
            problems.append(f"journal seq {seq}: unknown actor {actor}")
        role = logins[actor][2]
        ev = {"seq": seq, "at": at_iso, "actor": actor}
        if kind == "received":
            item = records[target]
            if item["receivedAt"] > at_iso:
                problems.append(f"{target} received before it was posted")
            for other in state_items.values():
                if other["channel"] == item["channel"] and other["platformID"] == item["platformID"]:
                    problems.append(f"{target} duplicates {other['id']}")
            ev["change"] = {"received": {"item": item}}
            applied = json.loads(json.dumps(item))
            applied["version"] = seq
            state_items[target] = applied
        elif target.startswith("D:"):
            dk = target[2:]
            dr = state_drafts[dk]
            ev["basedOn"] = dr["version"]
            assert kind == "submitted"
            if dr["author"] != actor or dr["state"] not in ("draft", "changes-requested"):
                problems.append(f"seq {seq}: {actor} cannot submit {dr['id']} ({dr['state']})")
            rev = dr["revisions"][-1]["number"]
            ev["change"] = {"submitted": {"draft": dr["id"], "revision": rev}}
            dr.update(state="submitted", submittedAt=at_iso, version=seq, changedBy=actor, changedAt=at_iso)
        else:
            it = state_items[target]
            ev["basedOn"] = it["version"]
            if kind == "triaged":
                to = payload["to"]
                if to == it["status"] or to in ("new", "replied"):
                    problems.append(f"seq {seq}: triage {it['id']} {it['status']}->{to} not allowed")
                if it["status"] == "escalated" and role == "staff":
                    problems.append(f"seq {seq}: staff cannot resolve escalated {it['id']}")
                ev["change"] = {"triaged": {"item": it["id"], "from": it["status"], "to": to}}
                it["status"] = to
            elif kind == "assigned":
                who = payload["to"]
                if who not in logins and who not in branch_ids or it.get("assignee") == who:
                    problems.append(f"seq {seq}: bad assignment")
                ev["change"] = {"assigned": {"item": it["id"], "to": who}}
                it["assignee"] = who
            elif kind == "tagged":
                added = [t for t in payload["added"] if t not in it["tags"]]
                removed = [t for t in payload["removed"] if t in it["tags"]]
                if added != payload["added"] or removed != payload["removed"] or not (added or removed):
                    problems.append(f"seq {seq}: tag change on {it['id']} is not clean")
                ev["change"] = {"tagged": {"item": it["id"], "added": added, "removed": removed}}
                it["tags"] = [t for t in it["tags"] if t not in removed] + added
            else:
                raise ValueError(kind)
            it.update(version=seq, changedBy=actor, changedAt=at_iso)
        events.append(ev)

    # ---- checks ------------------------------------------------------------
    anchor = ANCHOR
    start = ts("11-06T00:00")
    for k, r in records.items():
        if not (start <= r["receivedAt"] <= ts("11-27T15:20")):
            problems.append(f"{k}: receivedAt out of range")
        if r["status"] in CLOSED and "changedBy" not in r:
            problems.append(f"{k}: closed without changedBy")
        if "changedAt" in r and r["changedAt"] <= r["receivedAt"]:
            problems.append(f"{k}: changedAt not after receivedAt")
        if "changedAt" in r and r["changedAt"] > anchor:
            problems.append(f"{k}: changedAt in the future")
        for who in [r.get("assignee"), r.get("changedBy")]:
            if who and who not in logins and who not in branch_ids:
                problems.append(f"{k}: unknown person/branch {who}")
        if r.get("branch") and r["branch"] not in branch_ids:
            problems.append(f"{k}: unknown branch")
        if r["fromLibrary"] and r["author"]["handle"] != ACCOUNTS[r["channel"]]:
            problems.append(f"{k}: library post with the wrong handle")
    for k, dr in drafts.items():
        revs = dr["revisions"]
        for n, r in enumerate(revs, 1):
            assert r["number"] == n
        for ch in dr["channels"]:
            over = length_for(dr["revisions"][-1]["text"], ch) - LIMITS.get(ch, 10**9)
            if over > 0 and not (k == "xmas-hours" and ch == "x"):
                problems.append(f"draft {k} is {over} over the {ch} limit")
        if k == "xmas-hours" and length_for(revs[-1]["text"], "x") <= 280:
            problems.append("the long draft fits X; make it longer")
        for n in dr["notes"]:
            # An expiry is the publisher's doing (whoever runs it), not a review.
            if n["verdict"] != "expired" and (n["by"] == dr["author"] or logins[n["by"]][2] != "comms"):
                problems.append(f"draft {k}: review by {n['by']} breaks the rules")
            if n["revision"] != revs[-1]["number"]:
                problems.append(f"draft {k}: note on an old revision")
        if dr["changedAt"] > anchor:
            problems.append(f"draft {k} changed in the future")
    by_state = {}
    for dr in state_drafts.values():
        by_state.setdefault(dr["state"], []).append(dr["id"])
    if len(by_state.get("submitted", [])) < 3:
        problems.append("fewer than 3 submitted drafts after the journal")
    pids = {}
    for r in records.values():
        key = (r["channel"], r["platformID"])
        if key in pids:
            problems.append(f"duplicate platform id {key}")
        pids[key] = r["id"]
    for ev in events:
        if not (ts("11-27T12:30") <= ev["at"] <= anchor):
            problems.append(f"event {ev['seq']} outside the last three hours")

    # ---- files -------------------------------------------------------------
    store = {
        "format": "earshot-store",
        "version": 2,
        "organisation": "Harbourside Libraries",
        "timeZone": "Europe/London",
        "branches": [{"id": i, "name": n, "hours": HOURS[i]} for i, n in BRANCHES],
        "channels": [{"channel": c, "account": a} for c, a in ACCOUNTS.items()],
        "policy": {"fourEyes": True},
        "demo": {"clockAnchor": ANCHOR, "defaultLogin": "aisha"},
        # First-reply targets in minutes of opening hours, per channel.
        "responseTargets": {"x": 60, "bluesky": 60, "mastodon": 120, "facebook": 240, "flickr": 1440, "blog": 1440},
        # Quick, informal channels let staff answer directly; the rest go past comms.
        "replyRoutes": {"x": "approval", "facebook": "direct", "mastodon": "direct", "bluesky": "approval",
                        "flickr": "direct", "blog": "direct"},
        # Corporate X account: two officers must approve; the blog is for comms only.
        "approvalsNeeded": {"x": 2},
        "draftChannels": {"staff": ["x", "facebook", "mastodon", "bluesky", "flickr"]},
        "postPolicy": {
            "bannedPhrases": [
                {"phrase": "free for all", "severity": "blocking", "reason": "sounds like an offer the council cannot make"},
                {"phrase": "guaranteed", "severity": "warning", "reason": "we promise nothing we cannot keep"},
            ],
            "campaigns": [{"name": "Winter Reading", "hashtags": ["#WinterReads"], "from": "2026-11-23T00:00:00Z",
                           "to": "2027-01-10T23:59:59Z", "channels": ["x", "bluesky"], "severity": "warning"}],
            "maxLinks": {"limit": 2, "severity": "warning"},
            "altTextRequired": "blocking",
            "quietHours": {"from": "22:00", "to": "07:00", "severity": "blocking"},
        },
        "arrivalRules": arrival_rules(),
        "savedViews": [
            {"name": "My branch", "filter": "is:mine is:open"},
            {"name": "Escalated", "filter": "status:escalated"},
            {"name": "Needs reply over 24h", "filter": "status:needs-reply age:>24h"},
            {"name": "Overdue", "filter": "is:overdue"},
            {"name": "Events", "filter": "tag:events is:open"},
        ],
        "savedReplies": [
            {"name": "Thanks", "text": "Thank you {author}, that is lovely to hear. We'll pass it on to the team at {branch}."},
            {"name": "Opening hours", "text": "Hi {author}, {branch} is open {branch.hours}. See you soon!"},
            {"name": "Looking into it", "text": "Sorry about this, {author}. We're looking into it now and will come back to you here. {me}, {branch}"},
        ],
    }
    staff = {"version": 1, "staff": [
        {k: v for k, v in {"login": l, "name": n, "role": r, "branch": b}.items() if v is not None}
        for l, n, r, b in STAFF]}
    snap_records = sorted((records[d["k"]] for d in snap_items), key=lambda r: r["id"])
    snapshot = {
        "version": 2,
        "seq": SNAPSHOT_SEQ,
        # The head of the history the snapshot covers: the journal chains from it.
        "head": HISTORY_HEAD,
        "items": snap_records,
        "drafts": sorted(drafts.values(), key=lambda r: r["id"]) + HISTORY_DRAFTS,
    }
    for r in snapshot["items"] + snapshot["drafts"]:
        assert 1 <= r["version"] <= SNAPSHOT_SEQ, r["id"]

    summary = {
        "ids": {k: v for k, v in ids.items()},
        "draft_ids": {k: v for k, v in draft_ids.items()},
        "final_items": state_items,
        "final_drafts": state_drafts,
        "by_state": by_state,
    }
    return store, staff, snapshot, events, problems, summary


# --------------------------------------------------------------------------
# Generated history (analytics): as if compacted on 6 November
# --------------------------------------------------------------------------

def write_history(root: Path):
    """archive/events.jsonl (every history event, one line each through
    dumps_line) and archive/YYYY-MM.jsonl (the closed items, by month received)."""
    archive = root / "archive"
    archive.mkdir(parents=True, exist_ok=True)
    for old in archive.glob("*.jsonl"):
        old.unlink()
    (archive / "events.jsonl").write_text(HISTORY_TEXT, encoding="utf-8")
    months: dict[str, list] = {}
    for item in HISTORY_ITEMS:
        months.setdefault(item["receivedAt"][:7], []).append(item)
    for month, group in sorted(months.items()):
        (archive / f"{month}.jsonl").write_text("".join(dumps_line(i) for i in group), encoding="utf-8")


def main():
    store, staff, snapshot, events, problems, summary = build()
    if problems:
        print("PROBLEMS:")
        for p in problems:
            print("  -", p)
        sys.exit(1)
    if "--check" not in sys.argv:
        ROOT.mkdir(parents=True, exist_ok=True)
        (ROOT / "store.json").write_text(dumps_pretty(store), encoding="utf-8")
        (ROOT / "staff.json").write_text(dumps_pretty(staff), encoding="utf-8")
        (ROOT / "snapshot.json").write_text(dumps_pretty(snapshot), encoding="utf-8")
        (ROOT / "journal.jsonl").write_text(chained_lines(events, HISTORY_HEAD), encoding="utf-8")
        write_history(ROOT)
        print(f"wrote {ROOT}")

    items = summary["final_items"].values()
    from collections import Counter
    print(f"items: snapshot {len(snapshot['items'])}, after journal {len(items)}; "
          f"events {len(events)} (seq {events[0]['seq']}..{events[-1]['seq']})")
    print("  by channel:", dict(sorted(Counter(i["channel"] for i in items).items())))
    print("  by status: ", dict(sorted(Counter(i["status"] for i in items).items())))
    open_items = [i for i in items if i["status"] in OPEN]
    print(f"  open {len(open_items)}, oldest open {min(i['receivedAt'] for i in open_items)}")
    print("drafts by state (after journal):", dict(sorted(summary["by_state"].items())))
    print("item keys:", " ".join(f"{k}={v}" for k, v in summary["ids"].items()))
    print("draft keys:", " ".join(f"{k}={v}" for k, v in summary["draft_ids"].items()))


if __name__ == "__main__":
    main()
