"""What a scripted client does with Python's imaplib: login, list, select, search, fetch, store,
append, copy, expunge, logout. Exits non-zero on the first surprise."""
import imaplib
import sys

host, port, user, password = sys.argv[1], int(sys.argv[2]), sys.argv[3], sys.argv[4]
imap = imaplib.IMAP4(host, port)
assert "IDLE" in imap.capabilities, imap.capabilities
typ, _ = imap.login(user, password)
assert typ == "OK"
typ, folders = imap.list()
assert typ == "OK" and any(b'"INBOX"' in f for f in folders), folders
typ, data = imap.select("INBOX")
assert typ == "OK" and data == [b"2"], data
typ, data = imap.search(None, "ALL")
assert data == [b"1 2"], data
typ, data = imap.fetch("1:2", "(UID FLAGS BODY.PEEK[HEADER.FIELDS (SUBJECT)])")
assert typ == "OK" and b"Subject: Message 1" in data[0][1], data
typ, data = imap.fetch("2", "(RFC822)")
assert b"Hello number 2." in data[0][1], data
typ, data = imap.store("1", "+FLAGS", "(\\Flagged)")
assert typ == "OK" and b"\\Flagged" in data[0], data
message = b"Subject: from python\r\n\r\nhello\r\n"
typ, data = imap.append("INBOX", "(\\Seen)", None, message)
assert typ == "OK" and b"APPENDUID" in data[0], data
typ, data = imap.uid("COPY", "1", "Archive")
assert typ == "OK", data
typ, data = imap.store("1", "+FLAGS", "(\\Deleted)")
typ, data = imap.expunge()
assert typ == "OK" and data == [b"1"], data
typ, data = imap.status("Archive", "(MESSAGES)")
assert b"MESSAGES 1" in data[0], data
imap.logout()
print("imaplib smoke OK")
