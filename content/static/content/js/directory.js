// filled in by step 3
