package io.mallard.lmtp.command;

import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.time.Clock;
import java.util.List;

import org.bson.types.ObjectId;

import io.mallard.lmtp.codec.LmtpReply;
import io.mallard.lmtp.delivery.DeliveryMetrics;
import io.mallard.lmtp.delivery.DeliveryOutcome;
import io.mallard.lmtp.delivery.Envelope;
import io.mallard.lmtp.delivery.MessageDelivery;
import io.mallard.lmtp.delivery.Recipient;

/**
 * The end of the content, shared by DATA and BDAT LAST: one reply per accepted recipient, in
 * RCPT order, each with that recipient's own outcome (RFC 2033 §4.2, RFC 3030 §2 for BDAT).
 * The transaction is over either way.
 */
final class ContentDelivery {

    private final MessageDelivery delivery;
    private final DeliveryMetrics metrics;
    private final Clock clock;

    ContentDelivery(MessageDelivery delivery, DeliveryMetrics metrics, Clock clock) {
        this.delivery = delivery;
        this.metrics = metrics;
        this.clock = clock;
    }

    void finish(Conversation conversation) {
        Transaction transaction = conversation.transaction();
        List<Recipient> recipients = List.copyOf(transaction.recipients());
        if (transaction.isTooBig()) {
            conversation.reset();
            recipients.forEach(recipient -> {
                metrics.outcome(DeliveryOutcome.TOO_BIG);
                conversation.reply(DeliveryOutcome.TOO_BIG.reply(recipient.address()));
            });
            return;
        }
        Envelope envelope = new Envelope(transaction.sender(), conversation.lhloDomain(),
                clientAddress(conversation.context().channel().remoteAddress()), conversation.context().tlsActive(),
                transaction.smtpUtf8(), new ObjectId().toHexString(), clock.instant());
        byte[] content = transaction.content();
        conversation.reset();
        conversation.later(delivery.deliver(envelope, recipients, content), outcomes -> replies(recipients, outcomes));
    }

    private static List<LmtpReply> replies(List<Recipient> recipients, List<DeliveryOutcome> outcomes) {
        return java.util.stream.IntStream.range(0, recipients.size())
                .mapToObj(i -> outcomes.get(i).reply(recipients.get(i).address()))
                .toList();
    }

    private static String clientAddress(SocketAddress address) {
        return address instanceof InetSocketAddress inet && inet.getAddress() != null
                ? inet.getAddress().getHostAddress()
                : String.valueOf(address);
    }
}
