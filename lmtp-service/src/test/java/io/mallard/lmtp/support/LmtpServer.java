package io.mallard.lmtp.support;

import java.io.ByteArrayOutputStream;
import java.net.InetSocketAddress;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.springframework.context.ConfigurableApplicationContext;

import io.mallard.lmtp.LmtpApplication;
import io.mallard.model.address.AddressStore;
import io.mallard.model.mail.MessageContent;
import io.mallard.model.mailbox.Mailbox;
import io.mallard.model.message.MailStorage;
import io.mallard.model.message.Message;
import io.mallard.model.user.NewUser;
import io.mallard.model.user.User;
import io.mallard.model.user.UserSettings;
import io.mallard.model.user.UserStore;

/**
 * The real LMTP service on the embedded stores in a temporary data directory, on a free loopback
 * port, with helpers to create users and read what got stored. Shared by a test class.
 */
public final class LmtpServer implements AutoCloseable {

    public static final String HOST_NAME = "mx.mallard.test";

    private final ConfigurableApplicationContext context;

    public LmtpServer(Path dataDir, String... properties) {
        List<String> all = new ArrayList<>(List.of("mallard.data.dir=" + dataDir, "mallard.lmtp.port=0",
                "mallard.hostname=" + HOST_NAME));
        all.addAll(List.of(properties));
        context = LmtpApplication.builder().properties(all.toArray(String[]::new)).run();
    }

    public <T> T bean(Class<T> type) {
        return context.getBean(type);
    }

    public InetSocketAddress address() {
        return context.getBean(io.mallard.protocol.server.ProtocolListeners.class).servers().get(0).address();
    }

    public User user(String name, String address, UserSettings settings) {
        User user = bean(UserStore.class).create(new NewUser(name, "secret password", name, address, settings)).block();
        bean(MailStorage.class).mailboxes().createDefaults(user.id()).blockLast();
        return user;
    }

    public User user(String name, String address) {
        return user(name, address, UserSettings.DEFAULTS);
    }

    public void forwarded(String address, String... targets) {
        forwarded(address, 0, targets);
    }

    public void forwarded(String address, int perDay, String... targets) {
        bean(AddressStore.class).addForwarded(address, List.of(targets), perDay, List.of()).block();
    }

    public List<Message> messages(User user, String path) {
        MailStorage storage = bean(MailStorage.class);
        Mailbox mailbox = storage.mailboxes().get(user.id(), path).block();
        return storage.listing().range(mailbox.id(), 1, Long.MAX_VALUE).collectList().block();
    }

    public byte[] raw(Message message) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (ByteBuffer buffer : bean(MessageContent.class).raw(message).collectList().block()) {
            byte[] bytes = new byte[buffer.remaining()];
            buffer.get(bytes);
            out.writeBytes(bytes);
        }
        return out.toByteArray();
    }

    @Override
    public void close() {
        context.close();
    }
}
