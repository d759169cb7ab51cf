package io.mallard.api.web;

import java.util.Map;

import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;

import io.mallard.model.address.AddressTakenException;
import io.mallard.model.address.InvalidAddressException;
import io.mallard.model.mailbox.MailboxException;
import io.mallard.model.quota.QuotaExceededException;
import io.mallard.model.user.UsernameTakenException;
import io.mallard.web.ApiError;
import io.mallard.web.ApiErrorHandler;

/**
 * Store refusals that a client caused, mapped to 4xx here, once. Ordered before web-common's
 * {@link ApiErrorHandler}, which would answer them as 500.
 */
@RestControllerAdvice
@Order(Ordered.HIGHEST_PRECEDENCE)
class StoreErrorHandler {

    @ExceptionHandler
    ResponseEntity<ApiError> mailbox(MailboxException refusal) {
        return switch (refusal.code()) {
            case NONEXISTENT -> ApiErrorHandler.status(HttpStatus.NOT_FOUND, "NoSuchMailbox", "This mailbox does not exist");
            case ALREADYEXISTS -> ApiErrorHandler.status(HttpStatus.CONFLICT, "AlreadyExists", "Mailbox already exists");
            case CANNOT -> ApiErrorHandler.status(HttpStatus.BAD_REQUEST, "CannotModify", refusal.getMessage());
        };
    }

    @ExceptionHandler
    ResponseEntity<ApiError> overQuota(QuotaExceededException refusal) {
        return ApiErrorHandler.status(HttpStatus.FORBIDDEN, "OverQuotaError", "Mailbox is over quota");
    }

    @ExceptionHandler
    ResponseEntity<ApiError> usernameTaken(UsernameTakenException refusal) {
        return ApiErrorHandler.status(HttpStatus.CONFLICT, "UserExistsError", "This username already exists");
    }

    @ExceptionHandler
    ResponseEntity<ApiError> addressTaken(AddressTakenException refusal) {
        return ApiErrorHandler.status(HttpStatus.CONFLICT, "AddressExistsError", "This address already exists");
    }

    @ExceptionHandler
    ResponseEntity<ApiError> invalidAddress(InvalidAddressException refusal) {
        return ApiErrorHandler.invalid(Map.of("address", refusal.getMessage()));
    }
}
