# Label editing (core/imaging/edit): operations, undo history, interpolation.
cardiolens_add_test(test_label_editing SOURCES tst_LabelEditing.cpp EditTestUtil.h
    LIBS cardiolens_imaging_edit LABELS "core;imaging;edit")
cardiolens_add_test(test_slice_interpolation SOURCES tst_SliceInterpolation.cpp EditTestUtil.h
    LIBS cardiolens_imaging_edit LABELS "core;imaging;edit")
