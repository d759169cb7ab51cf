package io.mallard.imap.codec;

import java.time.ZonedDateTime;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A parsed command: one immutable record per command shape (RFC 9051 §6). */
public sealed interface ImapRequest {

    String tag();

    /** The command name, upper case, with "UID " in front for UID commands. */
    String name();

    /** CAPABILITY, NOOP, LOGOUT, STARTTLS, CHECK, CLOSE, UNSELECT, EXPUNGE, IDLE, NAMESPACE. */
    record Bare(String tag, String name) implements ImapRequest {
    }

    record Login(String tag, String name, String user, String password) implements ImapRequest {
        @Override
        public String toString() {
            return "Login[" + tag + ", " + user + "]";
        }
    }

    /** @param initialResponse the SASL-IR argument (RFC 4959), or {@code null} */
    record Authenticate(String tag, String name, String mechanism, String initialResponse) implements ImapRequest {
    }

    record Enable(String tag, String name, List<String> capabilities) implements ImapRequest {
    }

    /** RFC 2971 ID; what the client says about itself is not needed. */
    record Id(String tag, String name) implements ImapRequest {
    }

    /** CREATE, DELETE, SUBSCRIBE, UNSUBSCRIBE, GETQUOTAROOT. */
    record OnMailbox(String tag, String name, String mailbox) implements ImapRequest {
    }

    /**
     * SELECT and EXAMINE with their RFC 7162 parameters.
     *
     * @param condstore the CONDSTORE parameter (§3.1.8)
     * @param qresync the QRESYNC parameter (§3.2.5), or {@code null}
     */
    record Select(String tag, String name, String mailbox, boolean condstore, Qresync qresync) implements ImapRequest {
    }

    /**
     * RFC 7162 §3.2.5 {@code QRESYNC (uidvalidity modseq [known-uids [(seqs uids)]])}.
     *
     * @param knownUids the UIDs the client knows, or {@code null} for all below UIDNEXT
     * @param matchSequences the message numbers of the sequence match data, ascending, or empty
     * @param matchUids the UIDs the client has for those numbers, as many
     */
    record Qresync(long uidValidity, long modseq, SequenceSet knownUids, List<Long> matchSequences,
            List<Long> matchUids) {
        public Qresync {
            matchSequences = List.copyOf(matchSequences);
            matchUids = List.copyOf(matchUids);
        }
    }

    record Rename(String tag, String name, String from, String to) implements ImapRequest {
    }

    /**
     * LIST and LSUB. {@code extended}: the RFC 5258 form was used (selection options, a pattern list
     * or RETURN), which allows {@code \NonExistent} and extended data in the answer.
     *
     * @param selection RFC 5258 selection options, upper case
     * @param returns return options, upper case; SUBSCRIBED when selected by it (§3)
     * @param statusItems the RFC 5819 {@code RETURN (STATUS (...))} items, upper case
     */
    record ListMailboxes(String tag, String name, boolean extended, Set<String> selection, String reference,
            List<String> patterns, Set<String> returns, List<String> statusItems) implements ImapRequest {
        public ListMailboxes {
            selection = Collections.unmodifiableSet(new LinkedHashSet<>(selection));
            patterns = List.copyOf(patterns);
            returns = Collections.unmodifiableSet(new LinkedHashSet<>(returns));
            statusItems = List.copyOf(statusItems);
        }

        /** Plain RFC 3501 LIST or LSUB. */
        public static ListMailboxes basic(String tag, String name, String reference, String pattern) {
            return new ListMailboxes(tag, name, false, Set.of(), reference, List.of(pattern), Set.of(), List.of());
        }
    }

    record Status(String tag, String name, String mailbox, List<String> items) implements ImapRequest {
    }

    /** RFC 4978 COMPRESS; the mechanism upper case. */
    record Compress(String tag, String name, String mechanism) implements ImapRequest {
    }

    /** RFC 9208 GETQUOTA of a quota root. */
    record Quota(String tag, String name, String root) implements ImapRequest {
    }

    /** RFC 9208 SETQUOTA; resource names upper case, limits as given. */
    record SetQuota(String tag, String name, String root, Map<String, Long> limits) implements ImapRequest {
        public SetQuota {
            limits = Collections.unmodifiableMap(new LinkedHashMap<>(limits));
        }
    }

    /** APPEND of one message, or of several (RFC 3502 MULTIAPPEND), all into one mailbox. */
    record Append(String tag, String name, String mailbox, List<AppendMessage> messages) implements ImapRequest {
        public Append {
            messages = List.copyOf(messages);
        }
    }

    /** @param internalDate the date-time argument, or {@code null} */
    record AppendMessage(List<String> flags, ZonedDateTime internalDate, byte[] message) {
        public AppendMessage {
            flags = List.copyOf(flags);
        }

        @Override
        public String toString() {
            return "AppendMessage[" + flags + ", " + internalDate + ", " + message.length + " bytes]";
        }
    }

    /**
     * @param changedSince RFC 7162 §3.1.4.1 CHANGEDSINCE, or -1
     * @param vanished RFC 7162 §3.2.6 VANISHED (UID FETCH with CHANGEDSINCE only)
     */
    record Fetch(String tag, String name, boolean uid, SequenceSet set, List<FetchAttribute> attributes,
            long changedSince, boolean vanished) implements ImapRequest {
        public Fetch(String tag, String name, boolean uid, SequenceSet set, List<FetchAttribute> attributes) {
            this(tag, name, uid, set, attributes, -1, false);
        }
    }

    enum StoreMode { SET, ADD, REMOVE }

    /** @param unchangedSince RFC 7162 §3.1.3 UNCHANGEDSINCE, or -1 */
    record Store(String tag, String name, boolean uid, SequenceSet set, StoreMode mode, boolean silent,
            List<String> flags, long unchangedSince) implements ImapRequest {
        public Store(String tag, String name, boolean uid, SequenceSet set, StoreMode mode, boolean silent,
                List<String> flags) {
            this(tag, name, uid, set, mode, silent, flags, -1);
        }
    }

    /** COPY and MOVE. */
    record Transfer(String tag, String name, boolean uid, SequenceSet set, String mailbox) implements ImapRequest {
    }

    record UidExpunge(String tag, String name, SequenceSet set) implements ImapRequest {
    }

    /**
     * SEARCH and UID SEARCH.
     *
     * @param returns the RFC 4731 RETURN options; empty for a plain SEARCH answered by {@code * SEARCH}
     */
    record Search(String tag, String name, boolean uid, Set<ReturnOption> returns, SearchProgram program)
            implements ImapRequest {
        public Search {
            returns = Set.copyOf(returns);
        }
    }

    /**
     * RFC 5256 §3 SORT and UID SORT; with RFC 5267 §3 ESORT's {@code RETURN (...)}, {@code returns}
     * is not empty and the answer is an ESEARCH.
     */
    record Sort(String tag, String name, boolean uid, Set<ReturnOption> returns, List<SortCriterion> criteria,
            SearchProgram program) implements ImapRequest {
        public Sort {
            returns = Set.copyOf(returns);
            criteria = List.copyOf(criteria);
        }
    }

    enum ThreadAlgorithm { ORDEREDSUBJECT, REFERENCES }

    /** RFC 5256 §3 THREAD and UID THREAD. */
    record Thread(String tag, String name, boolean uid, ThreadAlgorithm algorithm, SearchProgram program)
            implements ImapRequest {
    }
}
