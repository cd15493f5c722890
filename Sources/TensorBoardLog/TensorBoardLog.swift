// TensorBoardLog module.
