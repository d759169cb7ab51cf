package io.mallard.model.thread;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class ThreadSubjectTest {

    @ParameterizedTest(name = "\"{0}\" -> \"{1}\"")
    @CsvSource(delimiter = '|', value = {
        "Budget 2026|budget 2026",
        "Re: Budget 2026|budget 2026",
        "RE: re: Budget 2026|budget 2026",
        "Fwd: Budget 2026|budget 2026",
        "FW: Budget 2026|budget 2026",
        "AW: WG: Budget 2026|budget 2026",
        "Re[2]: Budget 2026|budget 2026",
        "Re (3): Budget 2026|budget 2026",
        "SV: Budget 2026|budget 2026",
        "Antw: Budget 2026|budget 2026",
        "Budget 2026 (fwd)|budget 2026",
        "  Re:   Budget    2026  |budget 2026",
        "Reminder: Budget 2026|reminder: budget 2026",
        "Re:|''",
    })
    void replyAndForwardMarkersAreStripped(String subject, String expected) {
        assertThat(ThreadSubject.normalize(subject)).isEqualTo(expected);
    }
}
