package io.mallard.model.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UsernameTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            John.Doe        | john.doe
            '  alice  '     | alice
            a_b-c.d9        | a_b-c.d9
            7up             | 7up
            .dot            | ERROR
            -dash           | ERROR
            john@example    | ERROR
            john doe        | ERROR
            jöhn            | ERROR
            ''              | ERROR
            """)
    void normalizes(String username, String expected) {
        if ("ERROR".equals(expected)) {
            assertThatThrownBy(() -> Username.normalize(username)).isInstanceOf(IllegalArgumentException.class);
        } else {
            assertThat(Username.normalize(username)).isEqualTo(expected);
        }
    }

    @Test
    void rejectsOverlongNames() {
        assertThat(Username.normalize("a".repeat(128))).hasSize(128);
        assertThatThrownBy(() -> Username.normalize("a".repeat(129))).isInstanceOf(IllegalArgumentException.class);
    }
}
