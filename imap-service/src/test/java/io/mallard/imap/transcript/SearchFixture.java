package io.mallard.imap.transcript;

import java.time.Instant;
import java.util.List;

/** The messages the search scripts run against; each script's comments say what they hold. */
final class SearchFixture {

    record Stored(String raw, List<String> flags, Instant internalDate) {
    }

    private SearchFixture() {
    }

    /**
     * INBOX. 1: Alice, sent 2 Nov 2020 23:30 -0500 (3 Nov in UTC), seen and answered. 2: an
     * encoded-word sender and subject, Latin-1 quoted-printable body, flagged, keyword $Work. 3: a
     * reply without a Date header, Bcc, multipart with an HTML part, deleted draft, over 2,000
     * octets. 4: raw UTF-8 headers (RFC 6532), arrived a minute ago.
     */
    static final List<Stored> INBOX = List.of(
            new Stored("From: Alice Example <alice@example.org>\r\nTo: bob@example.com\r\nCc: carol@example.net\r\n"
                    + "Subject: Lunch plans\r\nDate: Mon, 2 Nov 2020 23:30:00 -0500\r\n"
                    + "Message-ID: <lunch@example.org>\r\n\r\nShall we meet at noon?\r\n",
                    List.of("\\Seen", "\\Answered"), Instant.parse("2020-11-01T10:00:00Z")),
            new Stored("From: =?UTF-8?Q?Jos=C3=A9_Garc=C3=ADa?= <jose@example.es>\r\nTo: alice@example.org\r\n"
                    + "Subject: =?ISO-8859-1?Q?Caf=E9_menu?=\r\nDate: Tue, 3 Nov 2020 08:00:00 +0100\r\n"
                    + "X-Priority: 1 (Highest)\r\nMessage-ID: <menu@example.es>\r\nMIME-Version: 1.0\r\n"
                    + "Content-Type: text/plain; charset=iso-8859-1\r\nContent-Transfer-Encoding: quoted-printable\r\n"
                    + "\r\nLe caf=E9 est pr=EAt.\r\n",
                    List.of("\\Flagged", "$Work"), Instant.parse("2020-11-02T10:00:00Z")),
            new Stored("From: Bob <bob@example.com>\r\nTo: Alice Example <alice@example.org>\r\n"
                    + "Bcc: secret@example.com\r\nSubject: Re: Lunch plans\r\nMessage-ID: <reply@example.com>\r\n"
                    + "In-Reply-To: <lunch@example.org>\r\nReferences: <lunch@example.org>\r\nMIME-Version: 1.0\r\n"
                    + "Content-Type: multipart/alternative; boundary=b\r\n\r\n--b\r\n"
                    + "Content-Type: text/plain\r\n\r\nNoon works for me.\r\n--b\r\nContent-Type: text/html\r\n\r\n"
                    + "<p>Noon <b>works</b> for me.</p><!-- " + "padding ".repeat(250) + "-->\r\n--b--\r\n",
                    List.of("\\Deleted", "\\Draft"), Instant.parse("2020-11-03T10:00:00Z")),
            new Stored("From: Дмитрий <dima@example.ru>\r\nTo: alice@example.org\r\nSubject: Привет\r\n"
                    + "Date: Sun, 1 Nov 2020 12:00:00 +0000\r\nMIME-Version: 1.0\r\n"
                    + "Content-Type: text/plain; charset=utf-8\r\n\r\nПривет, мир!\r\n",
                    List.of(), Instant.now().minusSeconds(60)));

    /**
     * Archive, the SORT and THREAD corpus. By References: 1 → (2 → 3, 4 → 5); 6 and 7 ("Re: Lunch?"
     * without References) only by subject; 8 and 9 both answer a message not in the mailbox; 10 has
     * no Message-ID; 11 repeats 1's Message-ID; 9 has no Date header. Internal dates fall as sequence
     * numbers rise; 3 and 8 are the largest.
     */
    static final List<Stored> THREADS = List.of(
            thread(1, "Carol Jones <carol@x.org>", null, "Project kickoff", "<t1@x>", "", "Wed, 1 Jan 2020 10:00:00 +0000", ""),
            thread(2, "alice@x.org", "zack@x.org", "Re: Project kickoff", "<t2@x>", "<t1@x>",
                    "Wed, 1 Jan 2020 11:00:00 +0000", ""),
            thread(3, "Bob <bob@x.org>", null, "Fwd: Re: project KICKOFF", "<t3@x>", "<t1@x> <t2@x>",
                    "Wed, 1 Jan 2020 12:00:00 +0000", "big ".repeat(300)),
            thread(4, "Zoe Alice <alice@x.org>", null, "RE[2]: Project kickoff", "<t4@x>", "<t1@x>",
                    "Wed, 1 Jan 2020 13:00:00 +0000", ""),
            thread(5, "dave@x.org", "aaron@x.org", "[list] Re: Project kickoff (fwd)", "<t5@x>", "<t1@x> <t4@x>",
                    "Wed, 1 Jan 2020 14:00:00 +0000", ""),
            thread(6, "erin@x.org", null, "Lunch?", "<t6@x>", "", "Thu, 2 Jan 2020 09:00:00 +0000", ""),
            thread(7, "alice@x.org", null, "Re: Lunch?", "<t7@x>", "", "Thu, 2 Jan 2020 05:30:00 -0500", ""),
            thread(8, null, null, "Re: Missing parent", "<t8@x>", "<gone@x>", "Fri, 3 Jan 2020 09:00:00 +0000",
                    "bigger ".repeat(300)),
            thread(9, "frank@x.org", null, "Re: Missing parent", "<t9@x>", "<gone@x>", null, ""),
            thread(10, "=?UTF-8?Q?=C3=89mile?= <emile@x.org>", null, "Standalone", null, "",
                    "Tue, 31 Dec 2019 10:00:00 +0000", ""),
            thread(11, "bob@x.org", null, "Duplicate", "<t1@x>", "", "Sat, 4 Jan 2020 10:00:00 +0000", ""));

    private static Stored thread(int n, String from, String cc, String subject, String messageId, String references,
            String date, String padding) {
        StringBuilder raw = new StringBuilder();
        if (from != null) {
            raw.append("From: ").append(from).append("\r\n");
        }
        raw.append("To: list@x.org\r\n");
        if (cc != null) {
            raw.append("Cc: ").append(cc).append("\r\n");
        }
        raw.append("Subject: ").append(subject).append("\r\n");
        if (messageId != null) {
            raw.append("Message-ID: ").append(messageId).append("\r\n");
        }
        if (!references.isEmpty()) {
            raw.append("References: ").append(references).append("\r\n");
        }
        if (date != null) {
            raw.append("Date: ").append(date).append("\r\n");
        }
        raw.append("\r\nMessage ").append(n).append(". ").append(padding).append("\r\n");
        return new Stored(raw.toString(), List.of(), Instant.parse("2020-01-03T12:00:00Z").plusSeconds(3600L * (12 - n)));
    }
}
