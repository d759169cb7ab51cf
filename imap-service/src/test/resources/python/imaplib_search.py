"""SEARCH, SORT and THREAD as Python's imaplib sends them: CHARSET with literals in UTF-8 and
ISO-8859-1, BADCHARSET, ESEARCH through UID SEARCH RETURN, both THREAD algorithms. Exits non-zero
on the first surprise."""
import imaplib
import sys

host, port, user, password = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
imap = imaplib.IMAP4(host, port)
for capability in ("ESEARCH", "SEARCHRES", "WITHIN", "SORT", "SORT=DISPLAY", "THREAD=REFERENCES",
                   "THREAD=ORDEREDSUBJECT"):
    assert capability in imap.capabilities, imap.capabilities
imap.login(user, password)
messages = [
    (b"From: Zed <zed@example.com>\r\nSubject: Re: Plan\r\nMessage-ID: <p2@x>\r\nReferences: <p1@x>\r\n"
     b"Date: Tue, 2 Jun 2020 10:00:00 +0000\r\n\r\nsecond\r\n", "(\\Seen)"),
    (b"From: Amy <amy@example.com>\r\nSubject: Plan\r\nMessage-ID: <p1@x>\r\n"
     b"Date: Mon, 1 Jun 2020 10:00:00 +0000\r\n\r\nfirst\r\n", None),
    (b"From: Bob <bob@example.com>\r\nSubject: =?UTF-8?Q?Gr=C3=BC=C3=9Fe?=\r\nMessage-ID: <g@x>\r\n"
     b"Date: Wed, 3 Jun 2020 10:00:00 +0000\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n"
     b"Caf\xc3\xa9 time\r\n", None),
]
for raw, flags in messages:
    typ, data = imap.append("INBOX", flags, '"01-Jul-2020 10:00:00 +0000"', raw)
    assert typ == "OK", data
typ, data = imap.select("INBOX")
assert data == [b"3"], data

typ, data = imap.search(None, "UNSEEN")
assert data == [b"2 3"], data
imap.literal = "grüße".encode("utf-8")
typ, data = imap.search("UTF-8", "SUBJECT")
assert (typ, data) == ("OK", [b"3"]), data
imap.literal = "café".encode("iso-8859-1")
typ, data = imap.search("ISO-8859-1", "BODY")
assert (typ, data) == ("OK", [b"3"]), data
typ, data = imap.search("X-NO-SUCH-CHARSET", "ALL")
assert typ == "NO" and b"BADCHARSET" in data[0], (typ, data)

typ, data = imap.uid("SEARCH", "RETURN", "(MIN MAX COUNT)", "ALL")
assert typ == "OK", data
name, esearch = imap.response("ESEARCH")
assert esearch[-1].endswith(b"UID MIN 1 MAX 3 COUNT 3"), esearch

typ, data = imap.sort("(DATE)", "UTF-8", "ALL")
assert data == [b"2 1 3"], data
typ, data = imap.sort("(REVERSE FROM)", "UTF-8", "ALL")
assert data == [b"1 3 2"], data
typ, data = imap.uid("SORT", "(SUBJECT)", "UTF-8", "NOT", "SEEN")
assert data == [b"3 2"], data

typ, data = imap.thread("REFERENCES", "UTF-8", "ALL")
assert data == [b"(2 1)(3)"], data
typ, data = imap.thread("ORDEREDSUBJECT", "UTF-8", "ALL")
assert data == [b"(2 1)(3)"], data
imap.logout()
print("imaplib search OK")
