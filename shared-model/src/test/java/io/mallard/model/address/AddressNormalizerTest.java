package io.mallard.model.address;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class AddressNormalizerTest {

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            John.Doe@Example.COM          | johndoe@example.com
            '  jdoe@example.com  '        | jdoe@example.com
            j.d.o.e@example.com           | jdoe@example.com
            john+news@example.com         | john+news@example.com
            John.Doe+Lists.X@example.com  | johndoe+listsx@example.com
            user@bücher.example           | user@xn--bcher-kva.example
            user@XN--BCHER-KVA.example    | user@xn--bcher-kva.example
            user@BÜCHER.example           | user@xn--bcher-kva.example
            Ünïcødé@example.com           | ünïcødé@example.com
            user@example.com.             | user@example.com
            a@b                           | a@b
            "weird@local"@example.com     | ERROR
            no-at-sign                    | ERROR
            @example.com                  | ERROR
            user@                         | ERROR
            user name@example.com         | ERROR
            user@exa mple.com             | ERROR
            user@under_score.com          | ERROR
            user@example..com             | ERROR
            ...@example.com               | ERROR
            user@-bad.example             | ERROR
            *@example.com                 | ERROR
            """)
    void normalizesConcreteAddresses(String address, String expected) {
        if ("ERROR".equals(expected)) {
            assertThatThrownBy(() -> AddressNormalizer.view(address)).isInstanceOf(InvalidAddressException.class);
        } else {
            assertThat(AddressNormalizer.view(address)).isEqualTo(expected);
        }
    }

    @ParameterizedTest(name = "{0} → {1}")
    @CsvSource(delimiter = '|', textBlock = """
            *@Example.com          | *@example.com
            Sales*@example.com     | sales*@example.com
            *.Desk@example.com     | *desk@example.com
            postmaster@*           | postmaster@*
            *@bücher.example       | *@xn--bcher-kva.example
            a*b@example.com        | ERROR
            **@example.com         | ERROR
            *@*                    | ERROR
            sales*@*               | ERROR
            """)
    void normalizesWildcards(String address, String expected) {
        if ("ERROR".equals(expected)) {
            assertThatThrownBy(() -> AddressNormalizer.viewAllowingWildcards(address)).isInstanceOf(InvalidAddressException.class);
        } else {
            assertThat(AddressNormalizer.viewAllowingWildcards(address)).isEqualTo(expected);
        }
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', textBlock = """
            john+news  | john
            john       | john
            john+a+b   | john
            +only      | +only
            """)
    void stripsTheTag(String local, String expected) {
        assertThat(AddressNormalizer.stripTag(local)).isEqualTo(expected);
    }
}
