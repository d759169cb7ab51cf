package io.mallard.api.submit;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import jakarta.mail.internet.InternetAddress;

import org.bson.types.ObjectId;
import org.springframework.stereotype.Component;

import io.mallard.api.messages.OwnedMessages;
import io.mallard.model.address.Address;
import io.mallard.model.ingest.MailAddress;
import io.mallard.model.ingest.ParsedMessage;
import io.mallard.model.mail.MessageContent;
import io.mallard.model.message.FlagOperation;
import io.mallard.model.message.MailStorage;
import io.mallard.model.message.Message;
import reactor.core.publisher.Mono;

/**
 * The message a submission answers or forwards: what the new message takes from it (RFC 5322
 * §3.6.4 In-Reply-To and References, a "Re:"/"Fwd:" subject, the reply's recipients), and the
 * flag it gets once the answer is on its way ({@code \Answered}; a forward also
 * {@code $Forwarded}, as WildDuck sets them).
 */
@Component
class References {

    /** WildDuck keeps the References chain to its last 50 ids. */
    private static final int MAX_REFERENCES = 50;
    private static final Pattern PREFIX = Pattern.compile("^\\s*((re|fwd?)\\s*:\\s*)+", Pattern.CASE_INSENSITIVE);

    private final OwnedMessages messages;
    private final MessageContent content;
    private final MailStorage storage;

    References(OwnedMessages messages, MessageContent content, MailStorage storage) {
        this.messages = messages;
        this.content = content;
        this.storage = storage;
    }

    /** The referenced message with its parsed headers; empty without a reference, 404 for an unknown one. */
    Mono<Resolved> resolve(ObjectId owner, SubmitRequests.Reference reference) {
        if (reference == null) {
            return Mono.empty();
        }
        return messages.require(owner, reference.mailbox(), reference.id())
                .map(message -> new Resolved(message, content.parsed(message), reference.action()));
    }

    Mono<Void> flag(Resolved reference) {
        if (reference == null) {
            return Mono.empty();
        }
        List<String> flags = reference.forward() ? List.of("\\Answered", "$Forwarded") : List.of("\\Answered");
        return storage.flags().update(reference.message().mailbox(), List.of(reference.message().uid()),
                FlagOperation.ADD, flags, -1).then();
    }

    record Resolved(Message message, ParsedMessage parsed, String action) {

        boolean forward() {
            return action.equals("forward");
        }

        String subject() {
            String original = parsed.subject() == null ? "" : PREFIX.matcher(parsed.subject()).replaceFirst("");
            return ((forward() ? "Fwd: " : "Re: ") + original).strip();
        }

        /** A forward starts no reply chain of its own, but keeps the conversation's References. */
        String inReplyTo() {
            return forward() ? null : parsed.messageId();
        }

        String references() {
            List<String> chain = new ArrayList<>(parsed.references());
            if (parsed.messageId() != null && !chain.contains(parsed.messageId())) {
                chain.add(parsed.messageId());
            }
            if (chain.isEmpty()) {
                return null;
            }
            return String.join(" ", chain.subList(Math.max(0, chain.size() - MAX_REFERENCES), chain.size()));
        }

        /** RFC 5322 §3.6.2: a reply goes to Reply-To when there is one, else to From. */
        List<InternetAddress> replyTo() {
            if (forward()) {
                return List.of();
            }
            return internet(parsed.replyTo().isEmpty() ? parsed.from() : parsed.replyTo(), Map.of());
        }

        /** Reply-all: everyone in To and Cc but the user and those already in To. */
        List<InternetAddress> replyCc(List<Address> own) {
            if (!action.equals("replyAll")) {
                return List.of();
            }
            Map<String, Boolean> skip = new HashMap<>();
            own.forEach(address -> skip.put(address.address().toLowerCase(Locale.ROOT), true));
            replyTo().forEach(address -> skip.put(address.getAddress().toLowerCase(Locale.ROOT), true));
            List<MailAddress> everyone = new ArrayList<>(parsed.to());
            everyone.addAll(parsed.cc());
            return internet(everyone, skip);
        }

        /** The addresses once each, leaving out those in {@code skip} (lowercased). */
        private static List<InternetAddress> internet(List<MailAddress> addresses, Map<String, Boolean> skip) {
            Map<String, Boolean> seen = new HashMap<>(skip);
            List<InternetAddress> result = new ArrayList<>();
            for (MailAddress address : addresses) {
                if (address.address() == null || seen.putIfAbsent(address.address().toLowerCase(Locale.ROOT), true) != null) {
                    continue;
                }
                result.add(Sender.address("to", new SubmitRequests.Party(address.name(), address.address())));
            }
            return List.copyOf(result);
        }
    }
}
