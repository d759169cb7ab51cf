package io.mallard.imap.codec;

import java.util.ArrayList;
import java.util.List;

/**
 * The parenthesized parameters RFC 4466 lets SELECT, FETCH and STORE carry, as RFC 7162 defines
 * them: {@code SELECT mbox (CONDSTORE)}, {@code (QRESYNC (...))}, {@code FETCH ... (CHANGEDSINCE n
 * VANISHED)}, {@code STORE set (UNCHANGEDSINCE n) ...}. Anything else in those lists is BAD.
 */
final class ModifierParser {

    /** Bounds the sequence match data (RFC 7162 §3.2.5.2: "a small sample"). */
    static final int MAX_MATCH_PAIRS = 1024;

    private ModifierParser() {
    }

    /** RFC 4466 §2.1 select-params after the mailbox name. */
    static ImapRequest select(String tag, String name, String mailbox, Arguments args) {
        boolean condstore = false;
        ImapRequest.Qresync qresync = null;
        if (args.hasNext()) {
            Arguments params = new Arguments(args.list());
            while (params.hasNext()) {
                String param = params.atom();
                if (param.equals("CONDSTORE") && !condstore) {
                    condstore = true;
                } else if (param.equals("QRESYNC") && qresync == null) {
                    qresync = qresync(new Arguments(params.list()));
                } else {
                    throw new ImapSyntaxException("Unknown or repeated SELECT parameter " + param);
                }
            }
        }
        return new ImapRequest.Select(tag, name, mailbox, condstore, qresync);
    }

    /** RFC 7162 §7 qresync-param: uidvalidity modseq [known-uids] [seq-match-data]. */
    private static ImapRequest.Qresync qresync(Arguments args) {
        long uidValidity = nonZero(args.number(), "UIDVALIDITY");
        long modseq = modseq(args, false);
        SequenceSet knownUids = args.hasNext() && !args.peekList() ? withoutStar(args.sequenceSet()) : null;
        List<Long> sequences = List.of();
        List<Long> uids = List.of();
        if (args.hasNext()) {
            Arguments match = new Arguments(args.list());
            sequences = expand(withoutStar(match.sequenceSet()));
            uids = expand(withoutStar(match.sequenceSet()));
            match.end();
            if (sequences.size() != uids.size()) {
                throw new ImapSyntaxException("Sequence match data of unequal length");
            }
        }
        args.end();
        return new ImapRequest.Qresync(uidValidity, modseq, knownUids, sequences, uids);
    }

    /** FETCH items, then RFC 4466 fetch-modifiers: CHANGEDSINCE n (§3.1.4.1) and VANISHED (§3.2.6). */
    static ImapRequest fetch(String tag, String name, boolean uid, SequenceSet set, List<FetchAttribute> attributes,
            Arguments args) {
        long changedSince = -1;
        boolean vanished = false;
        if (args.hasNext()) {
            Arguments modifiers = new Arguments(args.list());
            if (!modifiers.hasNext()) {
                throw new ImapSyntaxException("Empty FETCH modifier list");
            }
            while (modifiers.hasNext()) {
                String modifier = modifiers.atom();
                if (modifier.equals("CHANGEDSINCE") && changedSince < 0) {
                    changedSince = modseq(modifiers, true);
                } else if (modifier.equals("VANISHED") && !vanished) {
                    vanished = true;
                } else {
                    throw new ImapSyntaxException("Unknown or repeated FETCH modifier " + modifier);
                }
            }
        }
        if (vanished && (!uid || changedSince < 0)) {
            throw new ImapSyntaxException("VANISHED needs UID FETCH with CHANGEDSINCE");
        }
        return new ImapRequest.Fetch(tag, name, uid, set, attributes, changedSince, vanished);
    }

    /** RFC 7162 §3.1.3 {@code (UNCHANGEDSINCE n)} before the STORE item, or -1. */
    static long unchangedSince(Arguments args) {
        if (!args.peekList()) {
            return -1;
        }
        Arguments modifiers = new Arguments(args.list());
        if (!modifiers.hasNext() || !modifiers.atom().equals("UNCHANGEDSINCE")) {
            throw new ImapSyntaxException("Unknown STORE modifier");
        }
        long value = modseq(modifiers, true);
        modifiers.end();
        return value;
    }

    /** RFC 7162 §7 mod-sequence-value (1 to 2^63-1), or mod-sequence-valzer when {@code zero} is allowed. */
    static long modseq(Arguments args, boolean zero) {
        String text = args.atom();
        if (text.isEmpty() || text.length() > 19 || !text.chars().allMatch(Character::isDigit)) {
            throw new ImapSyntaxException("Invalid mod-sequence");
        }
        try {
            long value = Long.parseLong(text);
            return zero ? value : nonZero(value, "mod-sequence");
        } catch (NumberFormatException e) {
            throw new ImapSyntaxException("Mod-sequence out of range");
        }
    }

    private static long nonZero(long value, String what) {
        if (value == 0) {
            throw new ImapSyntaxException("Invalid " + what);
        }
        return value;
    }

    private static SequenceSet withoutStar(SequenceSet set) {
        if (set.ranges().stream().anyMatch(r -> r.from() == SequenceSet.STAR || r.to() == SequenceSet.STAR)) {
            throw new ImapSyntaxException("'*' is not allowed here");
        }
        return set;
    }

    /** The numbers of a set in the order given, each range ascending, at most {@link #MAX_MATCH_PAIRS}. */
    private static List<Long> expand(SequenceSet set) {
        List<Long> numbers = new ArrayList<>();
        for (SequenceSet.Range range : set.ranges()) {
            for (long n = range.low(0); n <= range.high(0); n++) {
                if (numbers.size() == MAX_MATCH_PAIRS) {
                    throw new ImapSyntaxException("Too much sequence match data");
                }
                numbers.add(n);
            }
        }
        return numbers;
    }
}
