package io.mallard.model.thread;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.bson.types.ObjectId;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import io.mallard.model.message.StoreCluster;

class ThreaderTest {

    @TempDir
    Path dir;

    private StoreCluster cluster;
    private Threader threader;
    private ObjectId user;

    @BeforeEach
    void start() {
        cluster = new StoreCluster(dir);
        cluster.storage(Duration.ofSeconds(1));
        threader = new Threader(cluster.instance().mongo().database(), Duration.ofDays(7));
        user = cluster.user(0);
    }

    @AfterEach
    void stop() {
        cluster.close();
    }

    @Test
    void aReplyJoinsItsParentsThreadThroughInReplyTo() {
        ObjectId parent = assign("<a@x>", null, List.of(), "Lunch");
        ObjectId reply = assign("<b@y>", "<a@x>", List.of("<a@x>"), "Totally different words");

        assertThat(reply).isEqualTo(parent);
    }

    @Test
    void aLaterReplyJoinsThroughAnyIdInItsReferences() {
        ObjectId root = assign("<a@x>", null, List.of(), "Plan");
        assign("<b@y>", "<a@x>", List.of("<a@x>"), "Re: Plan");
        ObjectId third = assign("<c@z>", "<b@y>", List.of("<b@y>"), "Re: Re: Plan, changed");
        ObjectId raw = assign("<d@z>", null, List.of("<a@x> <c@z>"), "something");

        assertThat(third).isEqualTo(root);
        assertThat(raw).isEqualTo(root);
    }

    @Test
    void aParentArrivingAfterItsReplyJoinsTheReplysThread() {
        ObjectId reply = assign("<b@y>", "<a@x>", List.of("<a@x>"), "Re: Plan");
        ObjectId parent = assign("<a@x>", null, List.of(), "Another subject");

        assertThat(parent).isEqualTo(reply);
    }

    @Test
    void aForwardWithoutReferencesJoinsBySubject() {
        ObjectId original = assign("<a@x>", null, List.of(), "Quarterly numbers");
        ObjectId forward = assign("<f@y>", null, List.of(), "Fwd: Quarterly numbers");
        ObjectId german = assign("<g@y>", null, List.of(), "AW: WG: Quarterly  NUMBERS");

        assertThat(forward).isEqualTo(original);
        assertThat(german).isEqualTo(original);
    }

    @Test
    void aReplyJoinsItsParentsThreadRatherThanANewerThreadWithItsSubject() {
        ObjectId parent = assign("<a@x>", null, List.of(), "Lunch");
        // a window of zero never joins by subject: a second thread of that subject, updated later
        ObjectId newer = new Threader(cluster.instance().mongo().database(), Duration.ZERO)
                .assign(user, "<n@x>", null, List.of(), "Lunch").block();
        ObjectId reply = assign("<b@y>", "<a@x>", List.of("<a@x>"), "Re: Lunch");

        assertThat(newer).isNotEqualTo(parent);
        assertThat(reply).isEqualTo(parent);
    }

    @Test
    void unrelatedMessagesStartTheirOwnThreads() {
        ObjectId one = assign("<a@x>", null, List.of(), "Lunch");
        ObjectId two = assign("<b@x>", null, List.of(), "Dinner");
        ObjectId three = assign("<c@x>", null, List.of(), "");
        ObjectId four = assign("<d@x>", null, List.of(), "");

        assertThat(List.of(one, two, three, four)).doesNotHaveDuplicates();
    }

    @Test
    void theSubjectFallbackOnlyLooksBackWithinTheWindow() {
        Threader shortMemory = new Threader(cluster.instance().mongo().database(), Duration.ZERO);
        ObjectId first = shortMemory.assign(user, "<a@x>", null, List.of(), "Status").block();
        ObjectId second = shortMemory.assign(user, "<b@x>", null, List.of(), "Re: Status").block();

        assertThat(second).isNotEqualTo(first);
    }

    @Test
    void threadsAreNeverSharedBetweenUsers() {
        ObjectId mine = assign("<a@x>", null, List.of(), "Shared subject");
        ObjectId theirs = threader.assign(cluster.user(0), "<b@x>", "<a@x>", List.of("<a@x>"), "Re: Shared subject").block();

        assertThat(theirs).isNotEqualTo(mine);
    }

    private ObjectId assign(String messageId, String inReplyTo, List<String> references, String subject) {
        return threader.assign(user, messageId, inReplyTo, references, subject).block();
    }
}
