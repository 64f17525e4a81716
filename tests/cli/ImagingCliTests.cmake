# cardiolens-cli metrics / bench imaging-metrics and cardiolens-make-datasets (img-ana).
cardiolens_add_test(test_metrics_cli SOURCES tst_MetricsCli.cpp LIBS cardiolens_phantoms
    LABELS "cli;imaging" DEFINES CARDIOLENS_CLI_PATH="$<TARGET_FILE:cardiolens-cli>"
    CARDIOLENS_MAKE_DATASETS_PATH="$<TARGET_FILE:cardiolens-make-datasets>")
add_dependencies(test_metrics_cli cardiolens-cli cardiolens-make-datasets)
