import TensorBoardLog

/// Loads every run under `path`, printing each reading warning as one line on stderr.
func loadRuns(in path: String) throws -> [RunData] {
    let runs = try RunData.loadAll(in: path)
    for run in runs { report(run.warnings) }
    return runs
}

/// Prints reading warnings, one line each, on stderr.
func report(_ warnings: [LogWarning]) {
    for warning in warnings { warn("\(warning)") }
}
