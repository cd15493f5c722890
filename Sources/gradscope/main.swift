print("gradscope")
