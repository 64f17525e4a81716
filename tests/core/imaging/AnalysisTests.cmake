# Labels, contours <-> masks, clinical metrics and dataset layouts (img-ana).
cardiolens_add_test(test_labels_contours SOURCES tst_LabelsContours.cpp
    LIBS cardiolens_imaging cardiolens_phantoms LABELS "core;imaging")
cardiolens_add_test(test_cine_metrics SOURCES tst_CineMetrics.cpp
    LIBS cardiolens_imaging cardiolens_phantoms LABELS "core;imaging")
cardiolens_add_test(test_dataset_layouts SOURCES tst_DatasetLayouts.cpp
    LIBS cardiolens_imaging cardiolens_phantoms LABELS "core;imaging")
