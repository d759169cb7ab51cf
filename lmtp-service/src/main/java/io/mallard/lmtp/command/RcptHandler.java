package io.mallard.lmtp.command;

import java.util.List;

import io.mallard.lmtp.codec.LmtpCommand;
import io.mallard.lmtp.codec.LmtpReply;
import io.mallard.lmtp.delivery.Recipient;
import io.mallard.model.address.AddressResolver;
import io.mallard.model.address.InvalidAddressException;
import io.mallard.model.address.Resolution;
import reactor.core.publisher.Mono;

/**
 * RFC 5321 §4.1.1.3 RCPT TO, resolved at once (RFC 2033 §4.2 wants unknown users refused here,
 * not after the content): unknown {@code 550 5.1.1}, disabled {@code 550 5.2.1}, a forwarded-only
 * address accepted like a mailbox.
 */
final class RcptHandler implements CommandHandler<LmtpCommand.RcptTo> {

    private final AddressResolver resolver;

    RcptHandler(AddressResolver resolver) {
        this.resolver = resolver;
    }

    @Override
    public void handle(LmtpCommand.RcptTo command, Conversation conversation) {
        Transaction transaction = conversation.transaction();
        String address = command.forwardPath();
        if (transaction.recipients().size() >= conversation.settings().maxRecipients()) {
            conversation.reply(452, "4.5.3", "Too many recipients");
            return;
        }
        if (!transaction.smtpUtf8() && !Ascii.is(address)) {
            conversation.reply(553, "5.6.7", "Non-ASCII recipient address requires SMTPUTF8");
            return;
        }
        Mono<Resolution> resolution = resolver.resolve(address)
                .onErrorResume(InvalidAddressException.class, e -> Mono.just(new Resolution.NotFound()));
        conversation.later(resolution, resolved -> List.of(accept(conversation, address, resolved)));
    }

    private static LmtpReply accept(Conversation conversation, String address, Resolution resolution) {
        if (resolution instanceof Resolution.NotFound) {
            return LmtpReply.of(550, "5.1.1", "<" + address + "> No such user here");
        }
        if (resolution instanceof Resolution.ToUser user && user.userDisabled()) {
            return LmtpReply.of(550, "5.2.1", "<" + address + "> Mailbox disabled");
        }
        // The transaction may have ended meanwhile only through a failure already answered.
        Transaction transaction = conversation.transaction();
        if (transaction == null) {
            return LmtpReply.of(503, "5.5.1", "No transaction");
        }
        transaction.recipients().add(new Recipient(address, resolution));
        return LmtpReply.of(250, "2.1.5", "<" + address + "> Recipient OK");
    }
}
