# cardiolens-cli labels import / list / show / export and bench labels-store.
cardiolens_add_test(test_labels_cli SOURCES tst_LabelsCli.cpp LIBS cardiolens_labels cardiolens_phantoms
    LABELS "cli;labels" DEFINES CARDIOLENS_CLI_PATH="$<TARGET_FILE:cardiolens-cli>")
add_dependencies(test_labels_cli cardiolens-cli)
