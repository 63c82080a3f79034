def csv_rows(loader):
    import csv
    return list(csv.reader(loader))
