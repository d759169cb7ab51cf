package io.mallard.auth.config;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.ApplicationArguments;
import org.springframework.boot.ApplicationRunner;
import org.springframework.stereotype.Component;

import io.mallard.model.access.RootToken;
import io.mallard.model.store.CollectionIndexes;
import io.mallard.model.store.IndexedCollection;
import io.mallard.model.store.MongoStore;
import io.mallard.model.user.AccountCollections;

/**
 * At start: the account collections' indexes, and the root token, generated and printed once
 * when neither {@code MALLARD_ROOT_TOKEN} nor a stored one exists. Both run in the background;
 * until they finish a login works without the indexes' uniqueness and the root token is refused.
 */
@Component
class StartupTasks implements ApplicationRunner {

    private static final Logger log = LoggerFactory.getLogger(StartupTasks.class);

    private final MongoStore mongo;
    private final RootToken rootToken;

    StartupTasks(MongoStore mongo, RootToken rootToken) {
        this.mongo = mongo;
        this.rootToken = rootToken;
    }

    @Override
    public void run(ApplicationArguments args) {
        List<IndexedCollection> collections = AccountCollections.ALL;
        CollectionIndexes.ensure(mongo.database(), collections)
                .then(rootToken.ensure())
                .subscribe(token -> log.warn("Generated the root access token; it is shown only this once, only its hash "
                                + "is stored. Use it as X-Access-Token: {}", token),
                        error -> log.error("Start-up tasks failed", error));
    }
}
