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

    /** Archive: the threading corpus (filled by the SORT and THREAD scripts' needs). */
    static final List<Stored> THREADS = List.of();
}
