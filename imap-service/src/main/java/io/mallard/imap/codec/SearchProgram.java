package io.mallard.imap.codec;

import java.nio.charset.Charset;
import java.nio.charset.IllegalCharsetNameException;
import java.util.List;

/**
 * The search criteria of SEARCH, SORT and THREAD: the charset the client named and the key tree,
 * its strings already decoded from that charset. A charset Java does not know is kept by name so
 * the command can answer {@code NO [BADCHARSET]} (RFC 9051 §6.4.4) instead of BAD.
 *
 * @param charset the CHARSET argument as sent, or {@code null} (UTF-8 then, as RFC 9051 has it)
 * @param recentKeys the criteria use NEW, OLD or RECENT, which IMAP4rev2 removed with \Recent
 *     (RFC 9051 Appendix E): a rev2 session answers them with BAD
 */
public record SearchProgram(String charset, SearchKey key, boolean recentKeys) {

    public SearchProgram(String charset, SearchKey key) {
        this(charset, key, false);
    }

    /** What a {@code [BADCHARSET (...)]} code lists: the common ones of the many Java decodes. */
    public static final List<String> ADVERTISED_CHARSETS = List.of("UTF-8", "US-ASCII", "ISO-8859-1", "ISO-8859-2",
            "ISO-8859-15", "WINDOWS-1250", "WINDOWS-1251", "WINDOWS-1252", "KOI8-R", "SHIFT_JIS", "EUC-JP",
            "ISO-2022-JP", "GB2312", "BIG5", "EUC-KR");

    public boolean charsetSupported() {
        return charset == null || decoder(charset) != null;
    }

    /** The charset of that name, or {@code null} when Java has none. */
    static Charset decoder(String name) {
        try {
            return Charset.isSupported(name) ? Charset.forName(name) : null;
        } catch (IllegalCharsetNameException e) {
            return null;
        }
    }
}
