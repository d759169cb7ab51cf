package io.mallard.imap.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.bson.types.ObjectId;
import org.junit.jupiter.api.Test;

/** The session's MODSEQ bookkeeping for its own changes. */
class SelectedMailboxTest {

    private final SelectedMailbox selected = new SelectedMailbox(new ObjectId(), false, List.of(1L, 2L, 3L), 4, 10);

    @Test
    void anOwnChangeRightAboveWhatWasReportedNeedsNoJournalRead() {
        selected.ownChange(11);
        selected.ownChange(12);

        assertThat(selected.syncedModseq()).isEqualTo(12);
    }

    @Test
    void anOwnChangeAboveAnotherWritersChangeLeavesTheSessionBehindIt() {
        selected.ownChange(12); // 11 is someone else's, not reported yet

        assertThat(selected.syncedModseq()).isEqualTo(10);
    }

    @Test
    void anOwnChangeAlreadyCoveredChangesNothing() {
        selected.synced(15);
        selected.ownChange(11);

        assertThat(selected.syncedModseq()).isEqualTo(15);
    }
}
